using Orleans.Saga.Client.Cli;

// saga: the Orleans.Saga command-line client. Commands, options and exit codes: docs/CLI.md.
return await SagaCli.RunAsync(args, CliEnvironment.ForProcess());
