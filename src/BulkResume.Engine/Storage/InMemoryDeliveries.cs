namespace BulkResume.Engine.Storage;

/// <summary>
/// The deliveries of an <see cref="InMemoryDlqStore"/>, indexed so that a claim costs O(log n + claimed) however many
/// are stored: those no one holds by due time, the leased ones by the end of their lease, and each run's.
/// </summary>
/// <remarks>Not thread-safe: the store calls it under its gate, and a transaction's changes are applied at its commit.</remarks>
internal sealed class InMemoryDeliveries
{
    private static readonly Comparer<DeliveryRecord> ByDue = Comparer<DeliveryRecord>.Create((x, y) =>
        x.DueAt.UtcTicks != y.DueAt.UtcTicks ? x.DueAt.UtcTicks.CompareTo(y.DueAt.UtcTicks) : string.CompareOrdinal(x.MessageId, y.MessageId));

    private static readonly Comparer<DeliveryRecord> ByLease = Comparer<DeliveryRecord>.Create((x, y) =>
        x.LeasedUntil!.Value.UtcTicks != y.LeasedUntil!.Value.UtcTicks
            ? x.LeasedUntil.Value.UtcTicks.CompareTo(y.LeasedUntil.Value.UtcTicks)
            : string.CompareOrdinal(x.MessageId, y.MessageId));

    private readonly Dictionary<string, DeliveryRecord> _byId = new(StringComparer.Ordinal);
    private readonly SortedSet<DeliveryRecord> _free = new(ByDue);
    private readonly SortedSet<DeliveryRecord> _leased = new(ByLease);
    private readonly Dictionary<string, HashSet<string>> _byRun = new(StringComparer.Ordinal);

    public void Clear()
    {
        _byId.Clear();
        _free.Clear();
        _leased.Clear();
        _byRun.Clear();
    }

    public IReadOnlyList<DeliveryRecord> OfRun(string workflowRunId) =>
        _byRun.TryGetValue(workflowRunId, out HashSet<string>? ids) ? ids.Select(id => _byId[id]).Order(ByDue).ToArray() : [];

    public DateTimeOffset? NextClaimableAt()
    {
        DateTimeOffset? next = _free.Count > 0 ? _free.Min!.DueAt : null;
        foreach (DeliveryRecord leased in _leased)
        {
            // Ordered by lease end: the first whose lease ends after the earliest free one can't be earlier, nor can any after it.
            if (next is { } soonest && leased.LeasedUntil >= soonest)
            {
                break;
            }

            DateTimeOffset at = leased.DueAt > leased.LeasedUntil!.Value ? leased.DueAt : leased.LeasedUntil.Value;
            next = next is { } earlier && earlier <= at ? earlier : at;
        }

        return next;
    }

    /// <summary>The stored delivery of this id as the transaction sees it: its own version when it added or changed it, none when it removed it.</summary>
    private DeliveryRecord? Current(Changes changes, string messageId) =>
        changes.Written.TryGetValue(messageId, out DeliveryRecord? written) ? written
        : changes.Removed.Contains(messageId) ? null
        : _byId.GetValueOrDefault(messageId);

    public IReadOnlyList<DeliveryRecord> Claim(Changes changes, DateTimeOffset now, DateTimeOffset leaseUntil, int limit)
    {
        // A stored row this transaction removed or changed is not claimable as stored (its change, if any, is among the
        // written ones), so it neither counts towards the limit nor is a candidate.
        var candidates = new List<DeliveryRecord>();
        foreach (DeliveryRecord free in _free)
        {
            if (free.DueAt > now || candidates.Count == limit)
            {
                break;
            }

            if (Unchanged(changes, free))
            {
                candidates.Add(free);
            }
        }

        foreach (DeliveryRecord leased in _leased)
        {
            if (leased.LeasedUntil > now)
            {
                break;
            }

            if (leased.DueAt <= now && Unchanged(changes, leased))
            {
                candidates.Add(leased);
            }
        }

        candidates.AddRange(changes.Written.Values);
        var claimed = new List<DeliveryRecord>(Math.Min(limit, candidates.Count));
        foreach (DeliveryRecord candidate in candidates.Order(ByDue))
        {
            if (claimed.Count == limit)
            {
                break;
            }

            if (candidate.DueAt <= now && !(candidate.LeasedUntil > now))
            {
                var lease = new DeliveryRecord(candidate.MessageId, candidate.WorkflowRunId, candidate.DueAt, candidate.FlowControlKey, candidate.Definition, leaseUntil);
                changes.Written[candidate.MessageId] = lease;
                claimed.Add(lease);
            }
        }

        return claimed;
    }

    private static bool Unchanged(Changes changes, DeliveryRecord stored) =>
        !changes.Written.ContainsKey(stored.MessageId) && !changes.Removed.Contains(stored.MessageId);

    public bool Replace(Changes changes, DeliveryRecord delivery)
    {
        if (Current(changes, delivery.MessageId) is null)
        {
            return false;
        }

        changes.Written[delivery.MessageId] = delivery;
        return true;
    }

    public int Remove(Changes changes, IReadOnlyList<string> messageIds)
    {
        int removed = 0;
        foreach (string id in messageIds)
        {
            if (Current(changes, id) is not null)
            {
                changes.Written.Remove(id);
                changes.Removed.Add(id);
                removed++;
            }
        }

        return removed;
    }

    public IReadOnlyList<string> MessageIdsOfRun(Changes changes, string workflowRunId)
    {
        IEnumerable<string> stored = _byRun.TryGetValue(workflowRunId, out HashSet<string>? ids) ? ids : [];
        return stored
            .Concat(changes.Written.Values.Where(delivery => delivery.WorkflowRunId == workflowRunId).Select(delivery => delivery.MessageId))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    public void Apply(Changes changes)
    {
        foreach (string id in changes.Removed)
        {
            Unindex(id);
        }

        foreach (DeliveryRecord delivery in changes.Written.Values)
        {
            Unindex(delivery.MessageId);
            _byId.Add(delivery.MessageId, delivery);
            (delivery.LeasedUntil is null ? _free : _leased).Add(delivery);
            if (!_byRun.TryGetValue(delivery.WorkflowRunId, out HashSet<string>? ids))
            {
                ids = new HashSet<string>(StringComparer.Ordinal);
                _byRun.Add(delivery.WorkflowRunId, ids);
            }

            ids.Add(delivery.MessageId);
        }
    }

    private void Unindex(string messageId)
    {
        if (!_byId.Remove(messageId, out DeliveryRecord? stored))
        {
            return;
        }

        (stored.LeasedUntil is null ? _free : _leased).Remove(stored);
        HashSet<string> ids = _byRun[stored.WorkflowRunId];
        ids.Remove(messageId);
        if (ids.Count == 0)
        {
            _byRun.Remove(stored.WorkflowRunId);
        }
    }

    /// <summary>What one transaction added, changed (claimed, replaced) and removed, applied at its commit.</summary>
    public sealed class Changes
    {
        public Dictionary<string, DeliveryRecord> Written { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Removed { get; } = new(StringComparer.Ordinal);

        public void Add(IReadOnlyList<DeliveryRecord> deliveries)
        {
            foreach (DeliveryRecord delivery in deliveries)
            {
                Removed.Remove(delivery.MessageId);
                Written[delivery.MessageId] = delivery;
            }
        }
    }
}
