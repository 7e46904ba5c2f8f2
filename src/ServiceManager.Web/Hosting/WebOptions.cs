using ServiceManager.Protocol;

namespace ServiceManager.Web.Hosting;

/// <summary>What <c>svcmgr web</c> was asked to do.</summary>
/// <param name="Token">The bearer token every request must carry; null: none (allowed on loopback only).</param>
internal sealed record WebOptions(ListenAddress Listen, string? Token, DaemonPaths Paths);
