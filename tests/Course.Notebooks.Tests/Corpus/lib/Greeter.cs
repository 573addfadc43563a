// Compiled into lib/Greeter.dll by the tests, then referenced by directives.dib with #r.
public static class Greeter
{
    public static string Hello(string name) => $"Hello, {name}!";
}
