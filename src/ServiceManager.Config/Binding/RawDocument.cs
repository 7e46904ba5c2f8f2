namespace ServiceManager.Config.Binding;

/// <summary>The whole file as written, typed and checked key by key, not yet merged or expanded.</summary>
internal sealed record RawDocument(RawDaemon Daemon, RawWeb Web, IReadOnlyList<RawService> Templates, IReadOnlyList<RawService> Instances);
