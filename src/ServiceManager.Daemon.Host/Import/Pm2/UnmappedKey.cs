namespace ServiceManager.Daemon.Host.Import.Pm2;

/// <summary>A key of the ecosystem file that the TOML does not carry, and why.</summary>
/// <param name="Where">The app (<c>apps[0] "api"</c>), or empty for a top-level key.</param>
/// <param name="Value">The value as written (JSON), shortened.</param>
internal sealed record UnmappedKey(string Where, string Key, string Value, string Why)
{
    public override string ToString() =>
        Where.Length == 0 ? $"not mapped: {Key} = {Value}: {Why}" : $"not mapped: {Where}: {Key} = {Value}: {Why}";
}
