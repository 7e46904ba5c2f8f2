using ServiceManager.Config.Model;

namespace ServiceManager.Config.Toml;

/// <summary>A string (<see cref="string"/>), integer (<see cref="long"/>), boolean, float (<see cref="double"/>) or date-time.</summary>
internal sealed class TomlScalarNode(object value, SourceLocation location) : TomlNode(location)
{
    public object Value { get; } = value;

    public override string KindName => Value switch
    {
        string => "a string",
        long => "an integer",
        bool => "a boolean",
        double => "a float",
        _ => "a date-time",
    };
}
