namespace BulkResume.Internal.Draining;

/// <summary>
/// Where a selection's failure times lie, as listings at the start of a drain saw them: each entry a listing returned
/// counts where it failed, and the rest of a stretch whose listing came back full is assumed to be spread over the
/// stretch at the density of what was listed.
/// </summary>
/// <remarks>
/// It only places cuts: a cut anywhere still covers its part exactly, so a wrong estimate costs requests, never an
/// entry. Where a cut may fall is another matter (<see cref="Past"/>).
/// </remarks>
internal sealed class FailureTimeEstimate
{
    private readonly Mass[] _masses;
    private readonly double[] _before;

    private FailureTimeEstimate(Mass[] masses, long top, long past)
    {
        _masses = masses;
        Top = top;
        Past = past;
        _before = new double[masses.Length + 1];
        for (var i = 0; i < masses.Length; i++)
        {
            _before[i + 1] = _before[i] + masses[i].Count;
        }
    }

    /// <summary>The latest failure time the estimate reaches: past it, entries are failing while the drain runs.</summary>
    public long Top { get; }

    /// <summary>
    /// The latest failure time known to lie in the service's past when the listings were answered: the latest of their
    /// <c>Date</c>s (whole seconds, so at most the service's clock) and of the failure times they listed.
    /// </summary>
    /// <remarks>
    /// No cut may fall after it. An entry that fails from now on gets a failure time at or after it, so it lands in the
    /// part above every cut, the top part, whose closing pass takes it as a cursor loop would; a cut later than the
    /// service's clock would send it to a part below, which may have ended already. <see cref="long.MinValue"/> when
    /// nothing is known: then nothing is cut.
    /// </remarks>
    public long Past { get; }

    /// <summary>No listing: cuts fall back to even widths below <paramref name="top"/>, and none after <paramref name="past"/>.</summary>
    public static FailureTimeEstimate Unknown(long top, long past) => new([], top, past);

    /// <summary>How many entries the estimate puts strictly before <paramref name="time"/>.</summary>
    public double Before(long time)
    {
        var low = 0;
        var high = _masses.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_masses[middle].To < time)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        if (low == _masses.Length || _masses[low].From >= time)
        {
            return _before[low];
        }

        var mass = _masses[low];
        return _before[low] + (mass.Count * (time - mass.From) / mass.Width);
    }

    /// <summary>The earliest time with at least <paramref name="count"/> entries before it; past <see cref="Top"/> when the estimate holds fewer.</summary>
    public long CutAfter(double count)
    {
        var index = Array.BinarySearch(_before, count);
        if (index < 0)
        {
            index = ~index;
        }

        if (index == 0)
        {
            return long.MinValue;
        }

        if (index > _masses.Length)
        {
            return Top + 1;
        }

        var mass = _masses[index - 1];
        var share = (count - _before[index - 1]) / mass.Count;
        return mass.From + (long)Math.Ceiling(share * mass.Width);
    }

    /// <summary>
    /// Up to <paramref name="count"/> adjacent stretches from <paramref name="from"/>: half cut at points doubling from
    /// <paramref name="step"/> past it (entries that end close to it), the rest at even points up to
    /// <paramref name="end"/> (entries that end far from it); the last stretch ends at <paramref name="lastTo"/>.
    /// </summary>
    public static IReadOnlyList<(long From, long? To)> Cut(long from, long end, long step, int count, long? lastTo)
    {
        var points = new SortedSet<long>();
        for (step = Math.Max(1, step); from + step <= end && points.Count < (count - 1) / 2; step *= 2)
        {
            points.Add(from + step);
        }

        var even = count - points.Count;
        for (var i = 1; i < even; i++)
        {
            points.Add(from + ((end - from + 1) * i / even));
        }

        var stretches = new List<(long From, long? To)>(points.Count + 1);
        var lower = from;
        foreach (var point in points.Where(point => point > from))
        {
            stretches.Add((lower, point - 1));
            lower = point;
        }

        stretches.Add((lower, lastTo));
        return stretches;
    }

    /// <summary>Builds an estimate from listings of disjoint stretches.</summary>
    public sealed class Builder
    {
        private readonly List<Listing> _listings = [];
        private long _top;
        private long _past;

        /// <param name="top">The latest failure time known to be possible: the service's clock, as far as it is known.</param>
        /// <param name="past">The latest time known to have passed on the service's clock (<see cref="Past"/>).</param>
        public Builder(long top, long past)
        {
            _top = top;
            _past = past;
        }

        /// <summary>Takes the clock of one more answer: its <c>Date</c> (whole seconds) has passed on the service.</summary>
        public Builder Saw(DateTimeOffset? date)
        {
            if (date is { } value)
            {
                _past = Math.Max(_past, value.ToUnixTimeMilliseconds());
            }

            return this;
        }

        /// <summary>
        /// Adds what a listing of <paramref name="from"/>..<paramref name="to"/> returned (failure times in the
        /// service's order, ascending).
        /// </summary>
        /// <remarks>
        /// <paramref name="full"/>: it returned as many as asked, so more lie after the last one, assumed at the same
        /// density up to <paramref name="to"/> (or the top, for a stretch with no end).
        /// </remarks>
        public Builder Add(long from, long? to, IReadOnlyList<long> failedAt, bool full)
        {
            _listings.Add(new Listing(from, to, failedAt, full));
            foreach (var time in failedAt)
            {
                _top = Math.Max(_top, time);
                _past = Math.Max(_past, time);
            }

            return this;
        }

        /// <summary>
        /// Stretches worth listing again, at most <paramref name="count"/>: the unlisted rest of each full listing that
        /// an empty one follows, where the entries end somewhere no listing saw and would otherwise be assumed to go on
        /// to the stretch's end.
        /// </summary>
        /// <remarks>
        /// Each is cut half at points doubling from the listed entries and half evenly, the listings shared among the
        /// rests by their size; what they list replaces the rest.
        /// </remarks>
        public IReadOnlyList<(long From, long? To)> Refinements(int count)
        {
            _listings.Sort(static (a, b) => a.From.CompareTo(b.From));
            var rests = new List<(int Index, long From, long To, double Count)>();
            for (var i = 0; i + 1 < _listings.Count; i++)
            {
                if (EndsInside(i) && Rest(_listings[i]) is { } rest)
                {
                    rests.Add((i, rest.From, rest.To, rest.Count));
                }
            }

            var stretches = new List<(long From, long? To)>();
            var total = rests.Sum(rest => rest.Count);
            foreach (var rest in rests.OrderByDescending(rest => rest.Count))
            {
                var share = Math.Min(count - stretches.Count, Math.Max(1, (int)Math.Round(count * rest.Count / total)));
                if (share <= 0)
                {
                    break;
                }

                var listing = _listings[rest.Index];
                var listedFrom = listing.FailedAt.Min();
                _listings[rest.Index] = listing with { To = rest.From - 1, Full = false };
                // Where in the rest the entries end is unknown at any scale.
                stretches.AddRange(Cut(rest.From, rest.To, rest.From - listedFrom, share, rest.To));
            }

            return stretches;
        }

        public FailureTimeEstimate Build()
        {
            _listings.Sort(static (a, b) => a.From.CompareTo(b.From));
            var masses = new List<Mass>();
            for (var i = 0; i < _listings.Count; i++)
            {
                masses.AddRange(_listings[i].FailedAt.Select(static time => new Mass(time, time, 1)));
                if (Rest(_listings[i]) is { } rest)
                {
                    masses.Add(rest);
                }
            }

            // Stretches are disjoint, and an entry's point lies outside any other stretch's rest: sorting orders them.
            masses.Sort(static (a, b) => a.From != b.From ? a.From.CompareTo(b.From) : a.To.CompareTo(b.To));
            return new FailureTimeEstimate([.. masses], _top, _past);
        }

        /// <summary>The listing at <paramref name="index"/> (in order) is followed by one that found nothing.</summary>
        private bool EndsInside(int index) => index + 1 < _listings.Count && _listings[index + 1].FailedAt.Count == 0;

        /// <summary>What a full listing did not list: the rest of its stretch, at the density of what it listed.</summary>
        private Mass? Rest(Listing listing)
        {
            if (!listing.Full || listing.FailedAt.Count == 0)
            {
                return null;
            }

            var first = listing.FailedAt.Min();
            var last = listing.FailedAt.Max();
            var end = Math.Min(listing.To ?? long.MaxValue, _top);
            var count = (end - last) * (double)listing.FailedAt.Count / (last - Math.Min(listing.From, first) + 1);
            return end > last && count > 0 ? new Mass(last + 1, end, count) : null;
        }
    }

    private sealed record Listing(long From, long? To, IReadOnlyList<long> FailedAt, bool Full);

    /// <summary><see cref="Count"/> entries spread evenly over <see cref="From"/>..<see cref="To"/>, inclusive.</summary>
    private readonly record struct Mass(long From, long To, double Count)
    {
        public double Width => (double)To - From + 1;
    }
}
