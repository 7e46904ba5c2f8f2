namespace ServiceManager.Tui.State;

/// <summary>Keys other than printable characters that the screens react to.</summary>
public enum SpecialKey
{
    None,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Enter,
    Escape,
    Backspace,
    Interrupt,
}

/// <summary>One key press, independent of the terminal library: a character or a <see cref="SpecialKey"/>.</summary>
public readonly record struct KeyInput(char Char, SpecialKey Special = SpecialKey.None)
{
    public static KeyInput Of(char c) => new(c);

    public static KeyInput Of(SpecialKey special) => new('\0', special);

    public bool Is(char c) => Special == SpecialKey.None && Char == c;
}
