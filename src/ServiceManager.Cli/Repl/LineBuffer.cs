using System.Text;

namespace ServiceManager.Cli.Repl;

/// <summary>
/// The line being edited at the REPL's prompt, with its cursor and the walk through history (up, down): the editing
/// rules without the terminal, so they can be tested alone. Keys that mean the same in readline mean the same here.
/// </summary>
internal sealed class LineBuffer
{
    private readonly StringBuilder _text = new();
    private readonly IReadOnlyList<string> _history;
    // Where the walk through history is: _history.Count means "the line being typed", which _draft keeps meanwhile.
    private int _historyIndex;
    private string _draft = "";

    /// <param name="history">Earlier lines, oldest first.</param>
    public LineBuffer(IReadOnlyList<string> history)
    {
        _history = history;
        _historyIndex = history.Count;
    }

    public string Text => _text.ToString();

    /// <summary>Characters before the cursor.</summary>
    public int Cursor { get; private set; }

    public void Insert(char c)
    {
        _text.Insert(Cursor, c);
        Cursor++;
    }

    public void Insert(string text)
    {
        _text.Insert(Cursor, text);
        Cursor += text.Length;
    }

    /// <summary>Backspace: the character before the cursor.</summary>
    public bool DeleteBack()
    {
        if (Cursor == 0) return false;
        _text.Remove(--Cursor, 1);
        return true;
    }

    /// <summary>Delete: the character under the cursor.</summary>
    public bool DeleteForward()
    {
        if (Cursor >= _text.Length) return false;
        _text.Remove(Cursor, 1);
        return true;
    }

    /// <summary>Ctrl-W: the word before the cursor, and the blanks after it.</summary>
    public void DeleteWordBack()
    {
        var start = Cursor;
        while (start > 0 && _text[start - 1] == ' ') start--;
        while (start > 0 && _text[start - 1] != ' ') start--;
        _text.Remove(start, Cursor - start);
        Cursor = start;
    }

    /// <summary>Ctrl-U: everything before the cursor.</summary>
    public void DeleteToStart()
    {
        _text.Remove(0, Cursor);
        Cursor = 0;
    }

    /// <summary>Ctrl-K: everything from the cursor on.</summary>
    public void DeleteToEnd() => _text.Remove(Cursor, _text.Length - Cursor);

    public void Left() => Cursor = Math.Max(0, Cursor - 1);

    public void Right() => Cursor = Math.Min(_text.Length, Cursor + 1);

    public void Home() => Cursor = 0;

    public void End() => Cursor = _text.Length;

    /// <summary>Up: the previous history line; the line being typed is kept for the way back down.</summary>
    public bool Previous()
    {
        if (_historyIndex == 0) return false;
        if (_historyIndex == _history.Count) _draft = Text;
        Replace(_history[--_historyIndex]);
        return true;
    }

    /// <summary>Down: the next history line, and after the newest the line that was being typed.</summary>
    public bool Next()
    {
        if (_historyIndex >= _history.Count) return false;
        _historyIndex++;
        Replace(_historyIndex == _history.Count ? _draft : _history[_historyIndex]);
        return true;
    }

    private void Replace(string text)
    {
        _text.Clear().Append(text);
        Cursor = text.Length;
    }
}
