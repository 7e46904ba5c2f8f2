namespace ServiceManager.Daemon.Persistence;

/// <summary>
/// A <c>svcmgr scale</c> of a replica group: <paramref name="Count"/> members instead of the file's
/// <paramref name="Configured"/>. It lasts until the file's <c>instances</c> changes (the edit wins) or another scale.
/// </summary>
internal sealed record ScaleRecord(int Count, int Configured);
