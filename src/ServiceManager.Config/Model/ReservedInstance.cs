namespace ServiceManager.Config.Model;

/// <summary>
/// An instance that exists outside the config file (created at run time): a config loaded while it exists must not
/// reuse its id or its port, nor a second instance of its single-instance template.
/// </summary>
public sealed record ReservedInstance(string Id, int? Port, string? Template);
