namespace ServiceManager.Text;

public static partial class HumanText
{
    /// <summary>
    /// A percentage such as CPU per core (100% is one core busy, so it can pass 100): <c>0.0%</c>, <c>2.5%</c>,
    /// <c>99.9%</c>, <c>150%</c>.
    /// </summary>
    public static string Percent(double? value) =>
        value is { } v && double.IsFinite(v) ? Figure(v) + "%" : None;
}
