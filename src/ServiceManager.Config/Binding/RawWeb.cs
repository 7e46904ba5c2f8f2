using ServiceManager.Config.Model;

namespace ServiceManager.Config.Binding;

/// <summary>The <c>[web]</c> table as written.</summary>
internal sealed record RawWeb
{
    public Located<string>? Listen { get; set; }

    public Located<string>? TokenFile { get; set; }

    /// <summary>Null when the table has no <c>listen</c>: without an address there is nothing to run.</summary>
    public WebSettings? ToSettings(string configDirectory) =>
        Listen is null ? null : new WebSettings(Listen.Value, TokenFile is null ? null : Path.GetFullPath(TokenFile.Value, configDirectory));
}
