using BulkResume.Benchmarks.Data;
using BulkResume.Engine;
using BulkResume.Engine.Paging;

namespace BulkResume.Benchmarks.Paging;

/// <summary>
/// One part of a page's work done by the BCL alone: the in-memory store keeps run ids in a <see cref="SortedSet{T}"/>
/// (ordinal) for the run-log listing, and a page stores 50 new runs. A set of as many run ids as the DLQ holds; a
/// sample adds the new ids of <see cref="PageCostCase.Pages"/> pages, which are removed again afterwards.
/// </summary>
internal sealed class RunIndexFloor
{
    private readonly SortedSet<string> _runIds = new(StringComparer.Ordinal);
    private string[] _newIds = [];

    public RunIndexFloor(int entries)
    {
        while (_runIds.Count < entries)
        {
            _runIds.Add(DefaultDlqIdGenerator.Shared.NewWorkflowRunId());
        }
    }

    /// <summary>Makes the ids the next <see cref="AddNewIds"/> adds.</summary>
    public void MakeNewIds() =>
        _newIds = Enumerable.Range(0, PageCostCase.Pages * BenchData.PageSize).Select(_ => DefaultDlqIdGenerator.Shared.NewWorkflowRunId()).ToArray();

    /// <summary>Adds them; returns how many were added.</summary>
    public int AddNewIds()
    {
        int added = 0;
        foreach (string id in _newIds)
        {
            added += _runIds.Add(id) ? 1 : 0;
        }

        return added;
    }

    public void RemoveNewIds()
    {
        foreach (string id in _newIds)
        {
            _runIds.Remove(id);
        }
    }
}
