using ServiceManager.Tui.State;
using Key = Terminal.Gui.Input.Key;

namespace ServiceManager.Tui.Terminal;

/// <summary>Terminal.Gui keys to the screens' <see cref="KeyInput"/>; null for keys the screens ignore.</summary>
internal static class KeyMapping
{
    public static KeyInput? From(Key key)
    {
        if (key == Key.C.WithCtrl) return KeyInput.Of(SpecialKey.Interrupt);
        if (key == Key.CursorUp) return KeyInput.Of(SpecialKey.Up);
        if (key == Key.CursorDown) return KeyInput.Of(SpecialKey.Down);
        if (key == Key.PageUp) return KeyInput.Of(SpecialKey.PageUp);
        if (key == Key.PageDown) return KeyInput.Of(SpecialKey.PageDown);
        if (key == Key.Home) return KeyInput.Of(SpecialKey.Home);
        if (key == Key.End) return KeyInput.Of(SpecialKey.End);
        if (key == Key.Enter) return KeyInput.Of(SpecialKey.Enter);
        if (key == Key.Esc) return KeyInput.Of(SpecialKey.Escape);
        if (key == Key.Backspace) return KeyInput.Of(SpecialKey.Backspace);
        if (key.IsCtrl || key.IsAlt) return null;
        var rune = key.AsRune;
        if (rune.Value <= 0 || !rune.IsBmp || char.IsControl((char)rune.Value)) return null;
        return KeyInput.Of((char)rune.Value);
    }
}
