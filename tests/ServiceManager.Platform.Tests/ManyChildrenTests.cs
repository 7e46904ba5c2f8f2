using ServiceManager.Platform.Unix;

namespace ServiceManager.Platform.Tests;

[Collection(SerialCollection.Name)]
public sealed class ManyChildrenTests
{
    [Fact]
    public async Task Fifty_children_at_once_are_all_reaped_with_their_codes_on_a_fixed_number_of_threads()
    {
        using var dir = new TempDir();
        using var spawner = new UnixProcessSpawner();
        var gate = Path.Combine(dir.Path, "gate");
        var threadsBefore = NativeTestHelpers.ThreadCount();

        var children = Enumerable.Range(0, 50)
            .Select(i => spawner.Spawn(Requests.Sh($"while [ ! -e '{gate}' ]; do sleep 0.1; done; echo {i}; exit {i}"), new RecordingSink()))
            .ToList();
        try
        {
            children.Should().OnlyContain(c => ProcStat.Read(c.Pid) != null && !ProcStat.Read(c.Pid)!.IsZombie);
            // A thread per child would add 50 (or 100 with a reader per pipe).
            (NativeTestHelpers.ThreadCount() - threadsBefore).Should().BeLessThan(10);

            await File.WriteAllTextAsync(gate, "");
            var exits = await Task.WhenAll(children.Select(ChildExits.WaitAsync));

            exits.Select(e => e.Code).Should().Equal(Enumerable.Range(0, 50).Cast<int?>());
            children.Should().OnlyContain(c => ProcStat.Read(c.Pid) == null || ProcStat.Read(c.Pid)!.ParentPid != Environment.ProcessId);
        }
        finally
        {
            foreach (var child in children)
            {
                child.SignalGroup(SignalNames.SIGKILL);
                child.Dispose();
            }
        }
    }
}
