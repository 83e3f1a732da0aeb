using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DurableAgents.Cli.Output;

/// <summary>Where a command writes: Spectre.Console renderings for people, or JSON documents with --json.</summary>
internal sealed class CliOutput
{
    // Output goes to a terminal or a pipe, never into HTML, so only what JSON itself requires is escaped.
    private static readonly JsonSerializerOptions JsonWriteOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly CliContext _context;

    public CliOutput(CliContext context, bool json)
    {
        _context = context;
        Json = json;
    }

    /// <summary>True when results are written as JSON.</summary>
    public bool Json { get; }

    /// <summary>The console results go to.</summary>
    public IAnsiConsole Console => _context.Output;

    /// <summary>Writes one JSON document. It bypasses Spectre's layout so long values are never wrapped.</summary>
    public void WriteJson(JsonNode? document)
    {
        TextWriter writer = _context.Output.Profile.Out.Writer;
        writer.WriteLine(document?.ToJsonString(JsonWriteOptions) ?? "null");
        writer.Flush();
    }

    /// <summary>Writes a line of plain text. It bypasses Spectre's layout so ids and commands in it are never broken across lines.</summary>
    public void WriteLine(string text)
    {
        TextWriter writer = _context.Output.Profile.Out.Writer;
        writer.WriteLine(text);
        writer.Flush();
    }

    /// <summary>Writes a rendering (table, grid, ...).</summary>
    public void Write(IRenderable renderable) => _context.Output.Write(renderable);

    /// <summary>Reports something the user should know that is not an error on the error console: a yellow "warning:" line (not with --json, whose results carry it).</summary>
    public void WriteWarning(string message)
    {
        if (Json)
        {
            return;
        }

        _context.Error.Write(new Markup("[yellow]warning:[/] "));
        TextWriter errorWriter = _context.Error.Profile.Out.Writer;
        errorWriter.WriteLine(message);
        errorWriter.Flush();
    }

    /// <summary>Reports an error on the error console: a red "error:" line, or a JSON object with --json.</summary>
    public void WriteError(string message, int exitCode)
    {
        if (Json)
        {
            TextWriter writer = _context.Error.Profile.Out.Writer;
            writer.WriteLine(new JsonObject { ["error"] = message, ["exitCode"] = exitCode }.ToJsonString(JsonWriteOptions));
            writer.Flush();
            return;
        }

        _context.Error.Write(new Markup("[red]error:[/] "));
        TextWriter errorWriter = _context.Error.Profile.Out.Writer;
        errorWriter.WriteLine(message);
        errorWriter.Flush();
    }
}
