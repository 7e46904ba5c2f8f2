using System.Runtime.InteropServices;

namespace ServiceManager.Platform.Unix;

/// <summary>
/// A native array of <c>struct epoll_event</c>. The struct is packed (12 bytes) on x86_64 only and naturally aligned
/// (16 bytes) elsewhere, so it is addressed by offsets instead of a C# struct.
/// </summary>
internal sealed unsafe class EpollEvents : IDisposable
{
    private static readonly bool Packed = RuntimeInformation.ProcessArchitecture == Architecture.X64;
    private static readonly int Stride = Packed ? 12 : 16;
    private static readonly int DataOffset = Packed ? 4 : 8;

    public EpollEvents(int capacity)
    {
        Capacity = capacity;
        Pointer = (byte*)NativeMemory.AllocZeroed((nuint)(capacity * Stride));
    }

    public int Capacity { get; }

    public byte* Pointer { get; private set; }

    public ulong DataAt(int index) => Unaligned(Pointer + (index * Stride) + DataOffset);

    /// <summary>Adds <paramref name="fd"/> for readability, tagged with <paramref name="data"/>.</summary>
    public static int Add(int epoll, int fd, ulong data)
    {
        var ev = stackalloc byte[16];
        *(uint*)ev = LibC.EPOLLIN;
        System.Runtime.CompilerServices.Unsafe.WriteUnaligned(ev + DataOffset, data);
        return LibC.epoll_ctl(epoll, LibC.EPOLL_CTL_ADD, fd, ev);
    }

    public static void Remove(int epoll, int fd)
    {
        var ev = stackalloc byte[16];
        _ = LibC.epoll_ctl(epoll, LibC.EPOLL_CTL_DEL, fd, ev);
    }

    public void Dispose()
    {
        NativeMemory.Free(Pointer);
        Pointer = null;
    }

    private static ulong Unaligned(byte* p) => System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(p);
}
