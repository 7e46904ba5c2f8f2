namespace ServiceManager.Text;

public static partial class HumanText
{
    private static readonly string[] SizeUnits = ["B", "K", "M", "G", "T", "P", "E"];

    /// <summary>
    /// A size in binary units with a one-letter suffix, as the config writes sizes (1K = 1024 bytes): <c>0B</c>,
    /// <c>512B</c>, <c>1.5K</c>, <c>17.9M</c>, <c>125M</c>, <c>2.0G</c>. Never wider than five characters (six with a sign).
    /// </summary>
    public static string Bytes(long? bytes)
    {
        if (bytes is not { } b) return None;
        var sign = b < 0 ? "-" : "";
        // long.MinValue has no positive counterpart; a double holds its magnitude well enough for five characters.
        var magnitude = Math.Abs((double)b);
        if (magnitude < 1024) return sign + Number((long)magnitude) + SizeUnits[0];

        var unit = 0;
        while (magnitude >= 1024 && unit < SizeUnits.Length - 1)
        {
            magnitude /= 1024;
            unit++;
        }
        // 1023.7M would print as "1024M": say 1G instead.
        if (magnitude >= 1023.5 && unit < SizeUnits.Length - 1)
        {
            magnitude /= 1024;
            unit++;
        }
        return sign + Figure(magnitude) + SizeUnits[unit];
    }
}
