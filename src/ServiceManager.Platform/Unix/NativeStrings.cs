using System.Runtime.InteropServices;
using System.Text;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// NUL-terminated UTF-8 strings and NULL-terminated pointer arrays (argv, envp) in one native block, built before
/// a spawn so nothing managed has to stay pinned across the call.
/// </summary>
internal sealed unsafe class NativeStrings : IDisposable
{
    private readonly List<nint> _blocks = [];

    public byte* Add(string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException($"'{value.Replace("\0", "\\0", StringComparison.Ordinal)}' contains a NUL byte");
        var length = Encoding.UTF8.GetByteCount(value);
        var block = (byte*)NativeMemory.Alloc((nuint)length + 1);
        _blocks.Add((nint)block);
        Encoding.UTF8.GetBytes(value, new Span<byte>(block, length));
        block[length] = 0;
        return block;
    }

    /// <param name="last">Appended after <paramref name="values"/> when not null (a <see cref="AddBuffer"/> the
    /// child fills in itself).</param>
    public byte** AddArray(IReadOnlyCollection<string> values, byte* last = null)
    {
        var array = (byte**)NativeMemory.Alloc((nuint)(values.Count + 2), (nuint)sizeof(nint));
        _blocks.Add((nint)array);
        var i = 0;
        foreach (var value in values)
            array[i++] = Add(value);
        if (last != null) array[i++] = last;
        array[i] = null;
        return array;
    }

    /// <summary>A zeroed block of <paramref name="size"/> bytes.</summary>
    public byte* AddBuffer(int size)
    {
        var block = (byte*)NativeMemory.AllocZeroed((nuint)size);
        _blocks.Add((nint)block);
        return block;
    }

    public void Dispose()
    {
        foreach (var block in _blocks)
            NativeMemory.Free((void*)block);
        _blocks.Clear();
    }
}
