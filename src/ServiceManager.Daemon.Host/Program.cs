using System.CommandLine;
using ServiceManager.Cli;
using ServiceManager.Daemon.Host;
using ServiceManager.Daemon.Host.Import;
using ServiceManager.Daemon.Host.Validate;
using ServiceManager.Platform.Unix;

// Before the runtime first starts a process: a SIGCHLD inherited as ignored would let the kernel reap our children.
ChildSignals.EnsureDefaultDisposition();

var root = new RootCommand("svcmgr-daemon: the svcmgr daemon, and the commands that read the config without one (`svcmgr daemon`, `doctor`, `startup` and `export` run it)")
{
    GlobalOptions.Socket,
    GlobalOptions.Config,
    DaemonCommand.Create(),
    DoctorCommand.Create(),
    StartupCommand.Create(),
    ExportCommand.Create(),
    ValidateCommand.Create(),
    ImportCommand.Create(),
};
return await CommandLineEntry.RunAsync(root, args);
