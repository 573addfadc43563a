using System.Reflection;
using Course.Cli;

// The `course` command. Every sub-command is a class implementing ICommand with a public
// parameterless constructor, in its own file; it is found here by reflection.
var commands = typeof(ICommand).Assembly.GetTypes()
    .Where(t => typeof(ICommand).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Where(t => t.GetConstructor(Type.EmptyTypes) is not null)
    .Select(t => (ICommand)Activator.CreateInstance(t)!)
    .OrderBy(c => c.Name, StringComparer.Ordinal)
    .ToArray();

return CommandLine.Dispatch(commands, args);
