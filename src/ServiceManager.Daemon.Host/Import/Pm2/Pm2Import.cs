using System.Text;

namespace ServiceManager.Daemon.Host.Import.Pm2;

/// <summary>The TOML made from an ecosystem file: its tables in order, and what it does not carry.</summary>
internal sealed record Pm2Import(string Source, IReadOnlyList<TomlTableText> Tables, IReadOnlyList<UnmappedKey> Unmapped, int Apps, int Instances)
{
    public string Toml()
    {
        var text = new StringBuilder()
            .Append("# Imported from the PM2 ecosystem file ").Append(Source.ReplaceLineEndings(" ")).Append(" by `svcmgr import pm2`.\n")
            .Append("# Keys it could not map are listed in a comment above each instance (docs/cli.md, \"svcmgr import pm2\").\n\n");
        foreach (var table in Tables) table.WriteTo(text);
        return text.ToString();
    }
}
