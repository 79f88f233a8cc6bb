using Spectre.Console;

namespace ScsiBridge.Cli.Output;

/// <summary>
/// A table of text: drawn by Spectre with a border on a terminal, as aligned columns without
/// decoration when the output goes to a pipe or file (so that cut, awk and grep work on it).
/// </summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = new List<string[]>();

    public TextTable(params string[] headers)
    {
        _headers = headers;
    }

    public void Add(params string[] cells)
    {
        if (cells.Length != _headers.Length) throw new ArgumentException("a row needs " + _headers.Length + " cells");
        _rows.Add(cells);
    }

    public void Write(CliConsole console, string? title = null)
    {
        if (console.OutIsTerminal)
        {
            // No border: a border adds three columns a cell and garbles the table at 80 columns.
            var table = new Table().Border(TableBorder.None);
            if (title != null) table.Title = new TableTitle(Markup.Escape(title));
            foreach (string h in _headers) table.AddColumn(new TableColumn(new Text(h, new Style(decoration: Decoration.Bold))));
            foreach (string[] row in _rows) table.AddRow(row.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c)).ToArray());
            console.TerminalOut().Write(table);
            return;
        }
        if (title != null) console.Out.WriteLine(title);
        int[] widths = new int[_headers.Length];
        foreach (string[] row in _rows.Prepend(_headers))
        {
            for (int i = 0; i < row.Length; i++) widths[i] = Math.Max(widths[i], row[i].Length);
        }
        foreach (string[] row in _rows.Prepend(_headers))
        {
            var line = new System.Text.StringBuilder();
            for (int i = 0; i < row.Length; i++)
            {
                if (i > 0) line.Append("  ");
                line.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i]));
            }
            console.Out.WriteLine(line.ToString().TrimEnd());
        }
    }
}
