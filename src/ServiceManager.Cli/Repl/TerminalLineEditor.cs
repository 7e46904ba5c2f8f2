namespace ServiceManager.Cli.Repl;

/// <summary>
/// Reads one line at the REPL's prompt on a terminal, readline-style: arrows, Home/End, Backspace/Delete, history
/// with Up/Down, and the usual control keys (Ctrl-A/E/B/F/K/U/W/L, Ctrl-C drops the line, Ctrl-D on an empty line
/// ends input). .NET's own <see cref="Console.ReadLine()"/> on a terminal only erases with Backspace: arrows and
/// history do nothing. A line wider than the terminal scrolls sideways under the cursor.
/// </summary>
internal sealed class TerminalLineEditor(ReplHistory history)
{
    private const string ClearToEnd = "\x1b[K";
    private int _scroll;

    /// <summary>The line, "" when Ctrl-C dropped it, null at the end of input.</summary>
    public string? ReadLine(string prompt)
    {
        var buffer = new LineBuffer(history.Lines);
        _scroll = 0;
        // Ctrl-C arrives as a key (it drops the line) instead of as SIGINT, which is for cancelling a running command.
        var treatControlC = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = true;
        try
        {
            Render(prompt, buffer);
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                switch (Handle(key, buffer))
                {
                    case Outcome.Done:
                        buffer.End();
                        Render(prompt, buffer);
                        Console.Out.Write("\r\n");
                        return buffer.Text;
                    case Outcome.Dropped:
                        Console.Out.Write("^C\r\n");
                        return "";
                    case Outcome.EndOfInput:
                        Console.Out.Write("\r\n");
                        return null;
                    case Outcome.ClearScreen:
                        Console.Out.Write("\x1b[H\x1b[2J");
                        break;
                }

                // A paste arrives as many keys: draw once they are all in.
                if (!Console.KeyAvailable) Render(prompt, buffer);
            }
        }
        finally
        {
            Console.TreatControlCAsInput = treatControlC;
        }
    }

    private enum Outcome { Edited, Done, Dropped, EndOfInput, ClearScreen }

    private static Outcome Handle(ConsoleKeyInfo key, LineBuffer buffer)
    {
        switch (key.Key)
        {
            case ConsoleKey.Enter: return Outcome.Done;
            case ConsoleKey.Backspace: buffer.DeleteBack(); return Outcome.Edited;
            case ConsoleKey.Delete: buffer.DeleteForward(); return Outcome.Edited;
            case ConsoleKey.LeftArrow: buffer.Left(); return Outcome.Edited;
            case ConsoleKey.RightArrow: buffer.Right(); return Outcome.Edited;
            case ConsoleKey.Home: buffer.Home(); return Outcome.Edited;
            case ConsoleKey.End: buffer.End(); return Outcome.Edited;
            case ConsoleKey.UpArrow: buffer.Previous(); return Outcome.Edited;
            case ConsoleKey.DownArrow: buffer.Next(); return Outcome.Edited;
        }

        switch (key.KeyChar)
        {
            case '\r' or '\n': return Outcome.Done;
            case '\x03': return Outcome.Dropped; // Ctrl-C
            case '\x04': // Ctrl-D
                if (buffer.Text.Length == 0) return Outcome.EndOfInput;
                buffer.DeleteForward();
                return Outcome.Edited;
            case '\b' or '\x7f': buffer.DeleteBack(); return Outcome.Edited;
            case '\x01': buffer.Home(); return Outcome.Edited; // Ctrl-A
            case '\x05': buffer.End(); return Outcome.Edited; // Ctrl-E
            case '\x02': buffer.Left(); return Outcome.Edited; // Ctrl-B
            case '\x06': buffer.Right(); return Outcome.Edited; // Ctrl-F
            case '\x10': buffer.Previous(); return Outcome.Edited; // Ctrl-P
            case '\x0e': buffer.Next(); return Outcome.Edited; // Ctrl-N
            case '\x0b': buffer.DeleteToEnd(); return Outcome.Edited; // Ctrl-K
            case '\x15': buffer.DeleteToStart(); return Outcome.Edited; // Ctrl-U
            case '\x17': buffer.DeleteWordBack(); return Outcome.Edited; // Ctrl-W
            case '\x0c': return Outcome.ClearScreen; // Ctrl-L
            case '\t': buffer.Insert(' '); return Outcome.Edited;
        }

        if (key.KeyChar != '\0' && !char.IsControl(key.KeyChar)) buffer.Insert(key.KeyChar);
        return Outcome.Edited;
    }

    /// <summary>Redraws the prompt and the part of the line around the cursor, then puts the cursor in its place.</summary>
    private void Render(string prompt, LineBuffer buffer)
    {
        var room = Math.Max(10, Width() - prompt.Length - 1);
        if (buffer.Cursor < _scroll) _scroll = buffer.Cursor;
        if (buffer.Cursor > _scroll + room) _scroll = buffer.Cursor - room;
        var text = buffer.Text;
        _scroll = Math.Min(_scroll, text.Length);
        var visible = text.Substring(_scroll, Math.Min(room, text.Length - _scroll));
        var back = visible.Length - (buffer.Cursor - _scroll);
        Console.Out.Write("\r" + prompt + visible + ClearToEnd + (back > 0 ? $"\x1b[{back}D" : ""));
    }

    private static int Width()
    {
        try
        {
            return Console.WindowWidth is > 0 and var width ? width : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
