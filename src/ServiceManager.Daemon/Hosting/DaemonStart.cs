namespace ServiceManager.Daemon.Hosting;

/// <summary>When this daemon began, taken before anything else: what <c>ping</c>'s uptime counts from.</summary>
internal sealed record DaemonStart(DateTimeOffset At);
