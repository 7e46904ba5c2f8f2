namespace ServiceManager.Config.Model;

/// <summary>
/// The optional <c>[web]</c> table: with it the daemon runs <c>svcmgr-web</c> itself and restarts it when it exits
/// (docs/web.md). Read when the daemon starts.
/// </summary>
/// <param name="Listen"><c>listen</c>: ADDR:PORT, passed to <c>svcmgr-web --listen</c>, which validates it.</param>
/// <param name="TokenFile"><c>token_file</c>, made absolute against the config's directory; null for none.</param>
public sealed record WebSettings(string Listen, string? TokenFile);
