using System.CommandLine;
using ServiceManager.Cli;
using ServiceManager.Tui.Host;

var root = new RootCommand("svcmgr-top: the svcmgr dashboard (`svcmgr top` runs it)")
{
    GlobalOptions.Socket,
    GlobalOptions.Config,
    TopCommand.Create(),
};
return await CommandLineEntry.RunAsync(root, args);
