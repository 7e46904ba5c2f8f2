using ServiceManager.Cli;
using ServiceManager.Cli.Handover;
using ServiceManager.Platform.Unix;

// Before anything starts a process: if svcmgr was started with SIGCHLD ignored, the runtime would never install its
// handler and the kernel would reap our children before we see their status. A sibling inherits the reset.
ChildSignals.EnsureDefaultDisposition();

// `svcmgr daemon|top|mcp ...` becomes the sibling executable that runs it, before anything else is paid for.
if (SiblingHandover.Find(args) is { } sibling) return SiblingHandover.Exec(sibling, args);

return await CommandLineEntry.RunAsync(CliRoot.Create(SiblingHandover.ExecWith(args)), args);
