using System.Reflection;

namespace Course.Notebooks.Tests.Formats;

/// <summary>
/// Runs a `course` sub-command in-process. The test project builds Course.Cli but does not reference its assembly
/// (an executable, kept out of the test folder), so the command class is loaded from the build output by reflection.
/// </summary>
internal static class CliCommand
{
    static readonly Lazy<Assembly> Cli = new(() => Assembly.LoadFrom(CourseCli.DllPath));

    const BindingFlags Unwrapped = BindingFlags.DoNotWrapExceptions;

    /// <summary>Creates the command with the given writers and calls Run(args); a UsageException propagates as it is.</summary>
    public static int Run(string commandType, string[] args, TextWriter output, TextWriter error)
    {
        var type = Cli.Value.GetType(commandType, throwOnError: true)!;
        var command = Activator.CreateInstance(type, Unwrapped | BindingFlags.Public | BindingFlags.Instance, null, [output, error], null)!;
        return (int)type.GetMethod("Run")!.Invoke(command, Unwrapped, null, [args], null)!;
    }

    /// <summary>Runs CommandLine.Dispatch with just this command (silent writers), returning the exit code.</summary>
    public static int Dispatch(string commandType, string[] args)
    {
        var type = Cli.Value.GetType(commandType, throwOnError: true)!;
        var command = Activator.CreateInstance(type, [TextWriter.Null, TextWriter.Null])!;
        var commandInterface = Cli.Value.GetType("Course.Cli.ICommand", throwOnError: true)!;
        var list = Array.CreateInstance(commandInterface, 1);
        list.SetValue(command, 0);
        var dispatch = Cli.Value.GetType("Course.Cli.CommandLine", throwOnError: true)!.GetMethod("Dispatch")!;
        return (int)dispatch.Invoke(null, Unwrapped, null, [list, args], null)!;
    }
}
