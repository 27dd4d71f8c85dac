namespace BulkResume.Engine.Delivery;

/// <summary>
/// The deliveries a worker claimed and holds until it may start them, by flow-control key: at most the key's parallelism
/// in flight, at most its rate started per period; deliveries without a key wait only for a free slot.
/// </summary>
/// <remarks>Not thread-safe: the worker calls it under its lock.</remarks>
internal sealed class FlowControlGate
{
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);

    /// <summary>How many claimed deliveries wait here.</summary>
    public int Held { get; private set; }

    /// <summary>Holds a claimed delivery until <see cref="TakeStartable"/> lets it start.</summary>
    public void Hold(ClaimedDelivery delivery)
    {
        Lane lane = LaneOf(delivery.Record.FlowControlKey);
        lane.Limit(delivery.Message);
        lane.Waiting.Enqueue(delivery);
        Held++;
    }

    /// <summary>Takes, lane by lane, the held deliveries that may start at <paramref name="now"/>, at most <paramref name="slots"/>, counting them in flight.</summary>
    public List<ClaimedDelivery> TakeStartable(DateTimeOffset now, int slots)
    {
        var started = new List<ClaimedDelivery>();
        foreach (Lane lane in _lanes.Values)
        {
            while (started.Count < slots && lane.Waiting.Count > 0 && lane.MayStart(now))
            {
                lane.Start(now);
                started.Add(lane.Waiting.Dequeue());
                Held--;
            }
        }

        return started;
    }

    /// <summary>A delivery of <paramref name="key"/> is no longer in flight.</summary>
    public void Finished(string? key)
    {
        Lane lane = LaneOf(key);
        lane.InFlight--;
    }

    /// <summary>When a lane held back by its rate may start its next delivery, the earliest of them; <see langword="null"/> when none is.</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset now) =>
        _lanes.Values.Where(lane => lane.Waiting.Count > 0).Select(lane => lane.RateOpensAt(now)).Where(at => at is not null).Min();

    /// <summary>The held deliveries whose lease ends before <paramref name="time"/>, to renew.</summary>
    public List<ClaimedDelivery> LeasesEndingBefore(DateTimeOffset time) =>
        _lanes.Values.SelectMany(lane => lane.Waiting).Where(delivery => delivery.Record.LeasedUntil < time).ToList();

    /// <summary>The earliest lease end among the held deliveries, or <see langword="null"/>.</summary>
    public DateTimeOffset? EarliestLease() => _lanes.Values.SelectMany(lane => lane.Waiting).Select(delivery => delivery.Record.LeasedUntil).Min();

    /// <summary>Forgets a held delivery whose lease could not be renewed (its run ended).</summary>
    public void Drop(ClaimedDelivery delivery)
    {
        Lane lane = LaneOf(delivery.Record.FlowControlKey);
        int before = lane.Waiting.Count;
        var kept = lane.Waiting.Where(held => !ReferenceEquals(held, delivery)).ToArray();
        lane.Waiting.Clear();
        foreach (ClaimedDelivery held in kept)
        {
            lane.Waiting.Enqueue(held);
        }

        Held -= before - kept.Length;
    }

    private Lane LaneOf(string? key)
    {
        if (!_lanes.TryGetValue(key ?? string.Empty, out Lane? lane))
        {
            lane = new Lane();
            _lanes.Add(key ?? string.Empty, lane);
        }

        return lane;
    }

    private sealed class Lane
    {
        private readonly Queue<DateTimeOffset> _starts = new();
        private int? _parallelism;
        private int? _rate;
        private TimeSpan _period = TimeSpan.FromSeconds(1);

        public Queue<ClaimedDelivery> Waiting { get; } = new();

        public int InFlight { get; set; }

        /// <summary>The limits the latest delivery of the key carries (a resume may have changed them).</summary>
        public void Limit(DeliveryMessage message)
        {
            _parallelism = message.Parallelism;
            _rate = message.Rate;
            _period = TimeSpan.FromSeconds(message.PeriodSeconds ?? 1);
        }

        public bool MayStart(DateTimeOffset now) => !(InFlight >= _parallelism) && RateOpensAt(now) is null;

        public void Start(DateTimeOffset now)
        {
            InFlight++;
            if (_rate is not null)
            {
                _starts.Enqueue(now);
            }
        }

        /// <summary>When the rate lets the next delivery start, or <see langword="null"/> when it may start now.</summary>
        public DateTimeOffset? RateOpensAt(DateTimeOffset now)
        {
            while (_starts.Count > 0 && _starts.Peek() + _period <= now)
            {
                _starts.Dequeue();
            }

            return _rate is { } rate && _starts.Count >= rate ? _starts.Peek() + _period : null;
        }
    }
}

/// <summary>A delivery this worker claimed, with its definition read; its record changes when its lease is renewed.</summary>
internal sealed class ClaimedDelivery(Storage.DeliveryRecord record, DeliveryMessage message)
{
    public Storage.DeliveryRecord Record { get; set; } = record;

    public DeliveryMessage Message { get; } = message;
}
