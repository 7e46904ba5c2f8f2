using System.Runtime.InteropServices;
using System.Text;

namespace ServiceManager.Native;

/// <summary>UTF-8, NUL-terminated strings across the C boundary; what C receives is freed with <c>svcmgr_free</c>.</summary>
internal static unsafe class NativeText
{
    public static string? Read(byte* text) => text is null ? null : Marshal.PtrToStringUTF8((nint)text);

    /// <summary>A copy in native memory (<see cref="NativeMemory.Alloc(nuint)"/>, i.e. malloc), for <see cref="Free"/>.</summary>
    public static byte* Copy(string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var block = (byte*)NativeMemory.Alloc((nuint)length + 1);
        Encoding.UTF8.GetBytes(text, new Span<byte>(block, length));
        block[length] = 0;
        return block;
    }

    public static void Free(byte* text) => NativeMemory.Free(text);
}
