namespace Course.Cli;

/// <summary>A sub-command of <c>course</c>.</summary>
public interface ICommand
{
    /// <summary>The word that selects it: <c>course NAME ...</c>.</summary>
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>The full usage text, printed for --help and for bad arguments.</summary>
    string Usage { get; }

    /// <summary>Runs the command with the arguments after its name; returns the exit code.</summary>
    int Run(string[] args);
}

/// <summary>Exit codes and the dispatcher shared by every sub-command.</summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;

    public static int Dispatch(IReadOnlyList<ICommand> commands, string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.Write(Overview(commands));
            return args.Length == 0 ? BadArguments : Ok;
        }
        var command = commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            Console.Error.WriteLine($"course: unknown command '{args[0]}'.");
            Console.Error.Write(Overview(commands));
            return BadArguments;
        }
        var rest = args[1..];
        if (rest.Any(a => a is "-h" or "--help"))
        {
            Console.Out.WriteLine(command.Usage);
            return Ok;
        }
        try
        {
            return command.Run(rest);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"course {command.Name}: {e.Message}");
            Console.Error.WriteLine(command.Usage);
            return BadArguments;
        }
    }

    static string Overview(IReadOnlyList<ICommand> commands)
    {
        var lines = commands.Select(c => $"  {c.Name,-10} {c.Summary}");
        return "usage: course <command> [options]   (course <command> --help for details)\n\ncommands:\n"
             + string.Join("\n", lines) + "\n";
    }
}

/// <summary>Thrown by a command for bad arguments: the dispatcher prints the message and the usage, and exits with 2.</summary>
public sealed class UsageException(string message) : Exception(message);
