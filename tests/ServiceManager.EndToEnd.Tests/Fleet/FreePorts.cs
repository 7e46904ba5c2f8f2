using ServiceManager.Platform.Unix;

namespace ServiceManager.EndToEnd.Tests.Fleet;

/// <summary>
/// A block of ports for one test, below the kernel's ephemeral range (32768 and up) so outgoing connections never
/// land in it, and at a random place so tests running at the same time rarely share one.
/// </summary>
internal static class FreePorts
{
    public static int Block(int size)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = Random.Shared.Next(20_000, 32_000 - size);
            if (Enumerable.Range(first, size).All(p => !PortProbe.IsInUse(p))) return first;
        }

        throw new InvalidOperationException($"no {size} free ports in a row between 20000 and 32000");
    }
}
