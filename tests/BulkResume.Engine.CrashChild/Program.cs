// Bulk-resumes every entry of a SQLite DLQ file, 50 per call, printing "resumed N" after each call, until the DLQ is
// empty ("done N") or the process is killed. Usage: dotnet BulkResume.Engine.CrashChild.dll <database file> [workers] [pause ms]
// The pause between a worker's calls keeps the child running long enough for a busy parent to kill it part way.
using System.Globalization;
using BulkResume.Engine;
using BulkResume.Engine.Sqlite;

if (args.Length is < 1 or > 3)
{
    Console.Error.WriteLine("usage: BulkResume.Engine.CrashChild <database file> [workers] [pause ms]");
    return 2;
}

int workers = args.Length >= 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
var pause = TimeSpan.FromMilliseconds(args.Length == 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0);
await using SqliteDlqStore store = SqliteDlqStore.Open(args[0]);
var engine = new DlqEngine(store);
long total = 0;
object gate = new();

// Several workers walk the DLQ at once, so the kill can land while takes of different workers are in flight.
await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
{
    string? cursor = null;
    do
    {
        BulkResumeResult result = await engine.BulkResumeAsync(DlqSelection.All, cursor, count: 50);
        cursor = result.Cursor;
        lock (gate)
        {
            total += result.ResumedRuns.Count;
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"resumed {total}"));
            Console.Out.Flush();
        }

        await Task.Delay(pause);
    }
    while (cursor is not null);
})));

Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done {total}"));
return 0;
