namespace ServiceManager.Tui.Rendering;

/// <summary>A run of text drawn in one style.</summary>
public readonly record struct Span(string Text, Style Style = Style.Normal);
