using Course.Cli;

// The `course` command. Each sub-command lives in its own file as an ICommand;
// add it to this list to make it reachable.
ICommand[] commands =
[
];

return CommandLine.Dispatch(commands, args);
