using Spectre.Console;
using Spectre.Console.Rendering;
using Spectre.Console.Testing;

namespace BulkResume.Cli.Tests.Support;

/// <summary>
/// A terminal on which the operator presses Ctrl+C as soon as a prompt waits for a key. If the prompt goes on waiting
/// anyway, the operator gives up after a few seconds and answers "y", so a prompt deaf to Ctrl+C acts instead of hanging.
/// </summary>
internal sealed class CtrlCAtPromptConsole(TestConsole console, CancellationTokenSource stop) : IAnsiConsole, IAnsiConsoleInput
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly Queue<ConsoleKeyInfo> _afterGivingUp = new([new('y', ConsoleKey.Y, false, false, false), new('\r', ConsoleKey.Enter, false, false, false)]);

    public Profile Profile => console.Profile;

    public IAnsiConsoleCursor Cursor => console.Cursor;

    public IAnsiConsoleInput Input => this;

    public IExclusivityMode ExclusivityMode => console.ExclusivityMode;

    public RenderPipeline Pipeline => console.Pipeline;

    public void Clear(bool home) => console.Clear(home);

    public void Write(IRenderable renderable) => console.Write(renderable);

    public void WriteAnsi(Action<AnsiWriter> action) => console.WriteAnsi(action);

    public bool IsKeyAvailable() => false;

    public ConsoleKeyInfo? ReadKey(bool intercept) => throw new InvalidOperationException("The CLI reads keys asynchronously.");

    public async Task<ConsoleKeyInfo?> ReadKeyAsync(bool intercept, CancellationToken cancellationToken)
    {
        if (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync();
        }

        await Task.Delay(_afterGivingUp.Count == 2 ? Patience : TimeSpan.Zero, cancellationToken);
        return _afterGivingUp.Dequeue();
    }
}
