namespace BulkResume.Internal.Draining;

/// <summary>
/// Where a selection's failure times lie, as listings at the start of a drain saw them: each entry a listing returned
/// counts where it failed, and the rest of a stretch whose listing came back full is assumed to be spread over the
/// stretch at the density of what was listed. It only places cuts: a cut anywhere still covers its part exactly, so a
/// wrong estimate costs requests, never an entry.
/// </summary>
internal sealed class FailureTimeEstimate
{
    private readonly Mass[] _masses;
    private readonly double[] _before;

    private FailureTimeEstimate(Mass[] masses, long top)
    {
        _masses = masses;
        Top = top;
        _before = new double[masses.Length + 1];
        for (var i = 0; i < masses.Length; i++)
        {
            _before[i + 1] = _before[i] + masses[i].Count;
        }
    }

    /// <summary>The latest failure time the estimate reaches: past it, entries are failing while the drain runs.</summary>
    public long Top { get; }

    /// <summary>No listing: cuts fall back to even widths below <paramref name="top"/>.</summary>
    public static FailureTimeEstimate Unknown(long top) => new([], top);

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

    /// <summary>Builds an estimate from listings of disjoint stretches.</summary>
    public sealed class Builder
    {
        private readonly List<Mass> _masses = [];
        private long _top;

        /// <param name="top">The latest failure time known to be possible: the service's clock, as far as it is known.</param>
        public Builder(long top) => _top = top;

        /// <summary>
        /// Adds what a listing of <paramref name="from"/>..<paramref name="to"/> returned (failure times in the service's
        /// order, ascending). <paramref name="full"/>: it returned as many as asked, so more lie after the last one,
        /// assumed at the same density up to <paramref name="to"/> (or the top, for a stretch with no end).
        /// </summary>
        public Builder Add(long from, long? to, IReadOnlyList<long> failedAt, bool full)
        {
            foreach (var time in failedAt)
            {
                _masses.Add(new Mass(time, time, 1));
                _top = Math.Max(_top, time);
            }

            if (full && failedAt.Count > 0)
            {
                var last = failedAt.Max();
                var end = Math.Min(to ?? long.MaxValue, _top);
                var rest = (end - last) * (double)failedAt.Count / (last - Math.Min(from, failedAt.Min()) + 1);
                if (end > last && rest > 0)
                {
                    _masses.Add(new Mass(last + 1, end, rest));
                }
            }

            return this;
        }

        public FailureTimeEstimate Build()
        {
            // Stretches are disjoint, and an entry's point lies outside any other stretch's rest: sorting orders them.
            _masses.Sort(static (a, b) => a.From != b.From ? a.From.CompareTo(b.From) : a.To.CompareTo(b.To));
            return new FailureTimeEstimate([.. _masses], _top);
        }
    }

    /// <summary><see cref="Count"/> entries spread evenly over <see cref="From"/>..<see cref="To"/>, inclusive.</summary>
    private readonly record struct Mass(long From, long To, double Count)
    {
        public double Width => (double)To - From + 1;
    }
}
