using Mimiumd.Cli;

return CommandLine.Build().Parse(args).Invoke();
