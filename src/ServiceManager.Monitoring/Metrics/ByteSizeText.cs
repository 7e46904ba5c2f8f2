using System.Globalization;

namespace ServiceManager.Monitoring.Metrics;

/// <summary>Binary sizes for messages ("512 MiB", "1.5 GiB"), matching how config sizes are read (1K = 1024).</summary>
internal static class ByteSizeText
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static string Format(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        var number = unit == 0 || value == Math.Floor(value)
            ? value.ToString("0", CultureInfo.InvariantCulture)
            : value.ToString("0.0", CultureInfo.InvariantCulture);
        return $"{number} {Units[unit]}";
    }
}
