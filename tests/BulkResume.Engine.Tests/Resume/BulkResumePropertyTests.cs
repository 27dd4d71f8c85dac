using BulkResume.Engine.Storage;
using BulkResume.Engine.Tests.Support;
using FsCheck.Xunit;

namespace BulkResume.Engine.Tests.Resume;

/// <summary>Random scripts of operations against the engine and against a plain list model must agree.</summary>
public sealed class BulkResumePropertyTests
{
    private static readonly string[] Urls = [Seed.Orders, Seed.Billing, Seed.Shipping];
    private static readonly string[] Labels = ["billing", "ops", "eu"];

    /// <summary>
    /// Each pair of bytes is one operation and its argument: add entries, resume by filter (one call),
    /// resume by ids (sometimes with an unknown id), or page to the end with a cursor.
    /// </summary>
    [Property(MaxTest = 200)]
    public async Task Engine_agrees_with_a_list_model(byte[] script)
    {
        var fixture = new EngineFixture();
        var model = new List<DlqEntry>();
        var resumedByModel = new List<string>();
        var resumedByEngine = new List<string>();
        int next = 0;

        for (int i = 0; i + 1 < script.Length; i += 2)
        {
            int argument = script[i + 1];
            switch (script[i] % 4)
            {
                case 0:
                    DlqEntry[] added = Enumerable.Range(0, (argument % 4) + 1).Select(_ => NewEntry(next++, argument)).ToArray();
                    await fixture.Engine.DeadLetterAsync(added);
                    model.AddRange(added);
                    break;

                case 1:
                {
                    var selection = new DlqSelection { WorkflowUrls = [Urls[argument % 3]] };
                    int count = (argument % 7) + 1;
                    BulkResumeResult result = await fixture.Engine.BulkResumeAsync(selection, count: count);
                    DlqEntry[] expected = model.Where(selection.Matches).OrderBy(DlqKey.Of).Take(count).ToArray();
                    Assert.Equal(expected.Ids(), result.ResumedRuns.Select(run => run.SourceDlqId));
                    Assert.Equal(model.Count(selection.Matches) > count, result.Cursor is not null);
                    Take(expected);
                    resumedByEngine.AddRange(result.ResumedRuns.Select(run => run.SourceDlqId));
                    break;
                }

                case 2:
                {
                    string[] ids = model.Where((_, index) => index % ((argument % 3) + 2) == 0).Ids().ToList()
                        .Concat(argument % 5 == 0 ? ["dlq-unknown"] : []).ToArray();
                    if (ids.Length == 0)
                    {
                        break;
                    }

                    if (ids.Contains("dlq-unknown"))
                    {
                        await Assert.ThrowsAsync<DlqEngineException>(async () => await fixture.Engine.BulkResumeAsync(DlqSelection.ForIds(ids)));
                        break;
                    }

                    BulkResumeResult result = await fixture.Engine.BulkResumeAsync(DlqSelection.ForIds(ids));
                    Assert.Equal(ids, result.ResumedRuns.Select(run => run.SourceDlqId));
                    Take(model.Where(entry => ids.Contains(entry.DlqId)).ToArray());
                    resumedByEngine.AddRange(result.ResumedRuns.Select(run => run.SourceDlqId));
                    break;
                }

                default:
                {
                    var selection = new DlqSelection { Labels = [Labels[argument % 3]] };
                    string? cursor = null;
                    do
                    {
                        BulkResumeResult result = await fixture.Engine.BulkResumeAsync(selection, cursor, (argument % 3) + 1);
                        resumedByEngine.AddRange(result.ResumedRuns.Select(run => run.SourceDlqId));
                        cursor = result.Cursor;
                    }
                    while (cursor is not null);

                    Take(model.Where(selection.Matches).ToArray());
                    break;
                }
            }
        }

        Assert.Equal(resumedByModel.Order(StringComparer.Ordinal), resumedByEngine.Order(StringComparer.Ordinal));
        Assert.Equal(resumedByEngine.Count, resumedByEngine.Distinct().Count());
        IReadOnlyList<DlqEntry> remaining = await fixture.Store.QueryAsync(new DlqQuery(DlqSelection.All, null, 10_000));
        Assert.Equal(model.OrderBy(DlqKey.Of).Ids(), remaining.Ids());

        void Take(DlqEntry[] taken)
        {
            resumedByModel.AddRange(taken.Ids());
            model.RemoveAll(taken.Contains);
        }
    }

    // Few distinct failure times, so that ties broken by id are common.
    private static DlqEntry NewEntry(int index, int argument) =>
        FailedRun.For(Urls[(index + argument) % 3])
            .WithDlqId($"dlq-{index:D4}")
            .WithLabels(Labels[(index * 7 + argument) % 3])
            .FailedAt(Seed.T0.AddSeconds((index * 31 + argument) % 5))
            .Build();
}
