namespace ServiceManager.Supervision;

/// <summary>The messages an <see cref="InstanceSupervisor"/>'s loop reacts to.</summary>
internal enum CommandKind
{
    Start,
    Stop,
    Kill,
    Halt,
    Restart,
    UpdateDefinition,
    ChildExited,
    BackoffElapsed,
    LogReady,
    Replace,
    Shutdown,
}
