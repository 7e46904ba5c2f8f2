using ServiceManager.Tui.Rendering;
using ServiceManager.Tui.Screens;
using ServiceManager.Tui.State;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace ServiceManager.Tui.Terminal;

/// <summary>The one Terminal.Gui view: draws <see cref="TopModel.Render"/>'s rows and hands keys to the session.</summary>
internal sealed class ScreenView : View
{
    private readonly TopModel _model;
    private readonly TimeProvider _time;
    private readonly Action<KeyInput> _onKey;
    private Palette? _palette;

    public ScreenView(TopModel model, TimeProvider time, Action<KeyInput> onKey)
    {
        _model = model;
        _time = time;
        _onKey = onKey;
        CanFocus = true;
        Width = Dim.Fill();
        Height = Dim.Fill();
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        _palette ??= new Palette(GetAttributeForRole(VisualRole.Normal), Palette.NoColorRequested);
        var viewport = Viewport;
        var rows = _model.Render(viewport.Width, viewport.Height, _time.GetUtcNow());
        for (var y = 0; y < viewport.Height; y++)
        {
            Move(0, y);
            var used = 0;
            if (y < rows.Count)
            {
                foreach (var span in rows[y].Spans)
                {
                    var text = TextFit.Cut(span.Text, viewport.Width - used);
                    if (text.Length == 0) break;
                    SetAttribute(_palette.For(span.Style));
                    AddStr(text);
                    used += text.Length;
                }
            }
            if (used < viewport.Width)
            {
                SetAttribute(_palette.For(Style.Normal));
                AddStr(new string(' ', viewport.Width - used));
            }
        }
        return true;
    }

    protected override bool OnKeyDown(Key key)
    {
        if (KeyMapping.From(key) is not { } input) return false;
        _onKey(input);
        SetNeedsDraw();
        return true;
    }
}
