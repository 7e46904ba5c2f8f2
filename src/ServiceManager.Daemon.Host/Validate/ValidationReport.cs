using ServiceManager.Config;
using ServiceManager.Config.Model;
using ServiceManager.Text;

namespace ServiceManager.Daemon.Host.Validate;

/// <summary>What <c>svcmgr validate</c> found in one file: a summary when it loads, else every error.</summary>
internal sealed record ValidationReport(
    string File,
    bool Valid,
    int Instances,
    int Templates,
    IReadOnlyList<int> Ports,
    IReadOnlyList<ValidationError> Errors)
{
    public static ValidationReport Of(ServicesConfig config) => new(
        config.Path ?? "",
        Valid: true,
        config.Instances.Count,
        config.Templates.Count,
        config.Instances.Where(i => i.Port is not null).Select(i => i.Port!.Value).Order().ToList(),
        []);

    public static ValidationReport Of(string file, ConfigException failure) => new(
        file, Valid: false, 0, 0, [],
        failure.Errors.Count > 0
            ? failure.Errors.Select(ValidationError.Of).ToList()
            : [ValidationError.Of(new ConfigError(new SourceLocation(file, 1, 1), "", failure.Message, ConfigErrorKind.InvalidValue))]);

    /// <summary>One line for people, e.g. <c>services.toml: valid: 5 instances, 2 templates, ports 8080, 8081</c>.</summary>
    public string Summary()
    {
        var ports = Ports.Count == 0 ? "no ports" : (Ports.Count == 1 ? "port " : "ports ") + string.Join(", ", Ports);
        return $"{File}: valid: {Count(Instances, "instance")}, {Count(Templates, "template")}, {ports}";
    }

    private static string Count(int n, string noun) => $"{HumanText.Number(n)} {noun}{(n == 1 ? "" : "s")}";
}

/// <summary>One problem, flat for <c>--json</c>: file, line, column, dotted key, kind (<see cref="ConfigErrorKind"/>
/// in kebab case) and message.</summary>
internal sealed record ValidationError(string File, int Line, int Column, string Key, string Kind, string Message, string Text)
{
    public static ValidationError Of(ConfigError error) => new(
        error.Location.File, error.Location.Line, error.Location.Column, error.Key, KebabCase(error.Kind.ToString()), error.Message, error.ToString());

    private static string KebabCase(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
