using System.Globalization;
using BulkResume.Emulator.Admin.Wire;
using BulkResume.Emulator.Hosting;
using BulkResume.Engine;

namespace BulkResume.Emulator.Admin;

/// <summary>
/// A <c>POST /_emulator/faults</c> body checked whole before anything is applied, so that a request refused with a 400
/// changes nothing; each bound is named by its JSON field, as in docs/emulator.md.
/// </summary>
internal sealed class FaultPlan
{
    public const int MaxCount = 1000;
    public const int MaxLatencyMs = 60_000;
    public const int MaxBurstLimit = 100_000;
    public const int MaxMessageLength = 1000;

    /// <summary>A day either way: far beyond any real clock skew, and far inside what a date can hold.</summary>
    public const int MaxClockOffsetMs = 86_400_000;

    /// <summary>Headers the server derives from the answer: an injected one would break the next call's framing instead of failing it.</summary>
    private static readonly HashSet<string> ServerManagedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "Content-Encoding", "Trailer", "TE",
    };

    private readonly FaultsRequestBody _body;
    private readonly FaultFailure _applyThenFailMode;

    private FaultPlan(FaultsRequestBody body, FaultFailure applyThenFailMode)
    {
        _body = body;
        _applyThenFailMode = applyThenFailMode;
    }

    /// <summary>The plan, or an <see cref="AdminRequestException"/> naming the first field out of bounds.</summary>
    public static FaultPlan Check(FaultsRequestBody body)
    {
        if (body.FailNext is { } failNext)
        {
            Bound("failNext.count", failNext.Count, 1, MaxCount);
            Bound("failNext.status", failNext.Status, 400, 599);
            if (failNext.Message is { Length: > MaxMessageLength })
            {
                throw new AdminRequestException($"failNext.message is {failNext.Message.Length} characters long; give at most {MaxMessageLength}.");
            }

            foreach ((string name, string value) in failNext.Headers ?? [])
            {
                if (name.Length == 0 || name.Any(c => c <= ' ' || c >= '\u007f' || c == ':'))
                {
                    throw new AdminRequestException($"failNext.headers has the name '{Printable(name)}', which is not a header name (letters, digits and -, no spaces, colons or line breaks).");
                }

                if (value.Any(c => (c < ' ' && c != '\t') || c >= '\u007f'))
                {
                    throw new AdminRequestException($"failNext.headers.{name} holds a line break, a control character or a character outside ASCII; give a one-line ASCII value.");
                }

                if (ServerManagedHeaders.Contains(name))
                {
                    throw new AdminRequestException($"failNext.headers.{name} is written by the server from the answer itself (framing and connection); inject another header.");
                }
            }
        }

        if (body.DropNext is { } dropNext)
        {
            Bound("dropNext", dropNext, 1, MaxCount);
        }

        if (body.LatencyMs is { } latency)
        {
            Bound("latencyMs", latency, 0, MaxLatencyMs);
        }

        FaultFailure mode = FaultFailure.ServerError;
        if (body.ApplyThenFail is { } applyThenFail)
        {
            mode = applyThenFail.Mode switch
            {
                null or "serverError" => FaultFailure.ServerError,
                "connectionDrop" => FaultFailure.ConnectionDrop,
                _ => throw new AdminRequestException($"applyThenFail.mode must be serverError or connectionDrop; got '{Printable(applyThenFail.Mode)}'."),
            };
            if (applyThenFail.Count is { } count)
            {
                Bound("applyThenFail.count", count, 1, MaxCount);
            }
            else if (applyThenFail.Probability is { } probability)
            {
                if (!(probability >= 0 && probability <= 1))
                {
                    throw new AdminRequestException(string.Create(CultureInfo.InvariantCulture, $"applyThenFail.probability must be from 0 to 1; got {probability}."));
                }
            }
            else
            {
                throw new AdminRequestException("applyThenFail needs count (the next N requests) or probability (0 to 1).");
            }
        }

        if (body.BurstLimit is { } burst)
        {
            Bound("burstLimit", burst, 0, MaxBurstLimit);
        }

        if (body.ClockOffsetMs is { } clockOffset)
        {
            Bound("clockOffsetMs", clockOffset, -MaxClockOffsetMs, MaxClockOffsetMs);
        }

        return new FaultPlan(body, mode);
    }

    /// <summary>Removes every fault: those the injector holds, and the clock's skew.</summary>
    public static void Clear(FaultInjector faults, OffsetTimeProvider clock)
    {
        faults.Reset();
        clock.Offset = TimeSpan.Zero;
    }

    /// <summary>Applies the checked plan: <c>reset</c> first, then each fault given.</summary>
    public void ApplyTo(FaultInjector faults, OffsetTimeProvider clock)
    {
        if (_body.Reset == true)
        {
            Clear(faults, clock);
        }

        if (_body.FailNext is { } failNext)
        {
            faults.FailNext(failNext.Count, failNext.Status, failNext.Headers, failNext.Message);
        }

        if (_body.DropNext is { } drop)
        {
            faults.DropNext(drop);
        }

        if (_body.LatencyMs is { } latency)
        {
            faults.Latency = TimeSpan.FromMilliseconds(latency);
        }

        if (_body.ApplyThenFail is { } applyThenFail)
        {
            if (applyThenFail.Count is { } count)
            {
                faults.ApplyThenFailNext(count, _applyThenFailMode);
            }
            else
            {
                faults.ApplyThenFailRandomly(applyThenFail.Probability!.Value, applyThenFail.Seed, _applyThenFailMode);
            }
        }

        if (_body.BurstLimit is { } burst)
        {
            faults.SetBurstLimit(burst);
        }

        if (_body.ClockOffsetMs is { } clockOffset)
        {
            clock.Offset = TimeSpan.FromMilliseconds(clockOffset);
        }

        if (_body.HoldBulkActions is { } hold)
        {
            faults.HoldBulkActions = hold;
        }
    }

    private static void Bound(string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw new AdminRequestException(string.Create(CultureInfo.InvariantCulture, $"{field} must be from {min} to {max}; got {value}."));
        }
    }

    private static string? Printable(string? text) =>
        text is null ? null : new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
