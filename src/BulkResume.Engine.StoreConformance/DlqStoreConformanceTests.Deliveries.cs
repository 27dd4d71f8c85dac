using BulkResume.Engine.Storage;
using Xunit;

namespace BulkResume.Engine.StoreConformance;

/// <summary>
/// The suite's part on the delivery queue: a store keeps each delivery until it is removed, hands the due ones no one
/// holds to one claimer at a time under a lease, gives an ended lease's delivery out again, and changes nothing a
/// transaction did until it commits.
/// </summary>
public abstract partial class DlqStoreConformanceTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task Deliveries_are_stored_as_given_and_read_per_run_earliest_due_first_then_by_message_id()
    {
        IDlqStore store = NewStore();
        DeliveryRecord[] deliveries =
        [
            Delivery("msg-c", "wfr_a", T.AddSeconds(2), key: "tenant-a"),
            Delivery("msg-b", "wfr_a", T.AddSeconds(1), leasedUntil: T.AddMinutes(1)),
            Delivery("msg-a", "wfr_a", T.AddSeconds(1)),
            Delivery("msg-x", "wfr_b", T),
            new("msg-u", "wfr_a", T.AddSeconds(3).ToOffset(TimeSpan.FromHours(2)), null, """{"body":"caf\u00e9 – ü \"q\"","headers":{"A":["1"]}}"""),
        ];

        await store.WriteAsync(async transaction => { await transaction.AddDeliveriesAsync(deliveries); return true; });

        IReadOnlyList<DeliveryRecord> ofA = await store.GetDeliveriesAsync("wfr_a");
        Assert.Equal(["msg-a", "msg-b", "msg-c", "msg-u"], ofA.Select(delivery => delivery.MessageId));
        Assert.Equal(
            deliveries.Where(delivery => delivery.WorkflowRunId == "wfr_a").OrderBy(delivery => delivery.MessageId, StringComparer.Ordinal).Select(Fields),
            ofA.Select(Fields));
        Assert.Equal(["msg-x"], (await store.GetDeliveriesAsync("wfr_b")).Select(delivery => delivery.MessageId));
        Assert.Empty(await store.GetDeliveriesAsync("wfr_none"));
    }

    [SkippableFact]
    public async Task A_claim_takes_the_due_deliveries_no_one_holds_earliest_first_up_to_the_limit_and_leases_them()
    {
        IDlqStore store = NewStore();
        await AddDeliveriesAsync(
            store,
            Delivery("msg-2", "wfr_a", T.AddSeconds(-1)),
            Delivery("msg-1b", "wfr_b", T.AddSeconds(-2)),
            Delivery("msg-1a", "wfr_a", T.AddSeconds(-2)),
            Delivery("msg-now", "wfr_a", T),
            Delivery("msg-later", "wfr_a", T.AddTicks(1)),
            Delivery("msg-held", "wfr_b", T.AddSeconds(-9), leasedUntil: T.AddTicks(1)));

        IReadOnlyList<DeliveryRecord> first = await ClaimAsync(store, T, 3);
        IReadOnlyList<DeliveryRecord> second = await ClaimAsync(store, T, 10);

        Assert.Equal(["msg-1a", "msg-1b", "msg-2"], first.Select(delivery => delivery.MessageId));
        Assert.All(first, delivery => Assert.Equal(T + Lease, delivery.LeasedUntil));
        Assert.Equal(["msg-now"], second.Select(delivery => delivery.MessageId));
        Assert.Empty(await ClaimAsync(store, T, 10));
        IReadOnlyList<DeliveryRecord> stored = [.. await store.GetDeliveriesAsync("wfr_a"), .. await store.GetDeliveriesAsync("wfr_b")];
        Assert.Equal(
            new Dictionary<string, DateTimeOffset?>
            {
                ["msg-1a"] = T + Lease, ["msg-1b"] = T + Lease, ["msg-2"] = T + Lease, ["msg-now"] = T + Lease,
                ["msg-later"] = null, ["msg-held"] = T.AddTicks(1),
            },
            stored.ToDictionary(delivery => delivery.MessageId, delivery => delivery.LeasedUntil));
        Assert.Equal(first.Select(Fields), first.Select(delivery => Fields(stored.Single(row => row.MessageId == delivery.MessageId))));
    }

    [SkippableFact]
    public async Task A_delivery_whose_lease_ended_is_claimed_again_in_due_order_with_the_unleased_ones()
    {
        IDlqStore store = NewStore();
        await AddDeliveriesAsync(
            store,
            Delivery("msg-ended", "wfr_a", T.AddSeconds(-10), leasedUntil: T),
            Delivery("msg-free", "wfr_a", T.AddSeconds(-5)),
            Delivery("msg-ended-late", "wfr_a", T.AddSeconds(-1), leasedUntil: T.AddSeconds(-3)),
            Delivery("msg-held", "wfr_a", T.AddSeconds(-20), leasedUntil: T.AddTicks(1)),
            Delivery("msg-ended-not-due", "wfr_a", T.AddSeconds(5), leasedUntil: T.AddSeconds(-1)));

        IReadOnlyList<DeliveryRecord> two = await ClaimAsync(store, T, 2);
        IReadOnlyList<DeliveryRecord> rest = await ClaimAsync(store, T, 10);
        IReadOnlyList<DeliveryRecord> later = await ClaimAsync(store, T.AddSeconds(5), 10);

        Assert.Equal(["msg-ended", "msg-free"], two.Select(delivery => delivery.MessageId));
        Assert.Equal(["msg-ended-late"], rest.Select(delivery => delivery.MessageId));
        Assert.Equal(["msg-held", "msg-ended-not-due"], later.Select(delivery => delivery.MessageId));
        Assert.All(later, delivery => Assert.Equal(T.AddSeconds(5) + Lease, delivery.LeasedUntil));
    }

    [SkippableFact]
    public async Task A_claim_in_a_transaction_that_rolls_back_leaves_the_deliveries_unleased()
    {
        IDlqStore store = NewStore();
        await AddDeliveriesAsync(store, Delivery("msg-a", "wfr_a", T), Delivery("msg-b", "wfr_a", T));

        await Assert.ThrowsAsync<RolledBack>(async () => await store.WriteAsync<bool>(async transaction =>
        {
            Assert.Equal(2, (await transaction.ClaimDeliveriesAsync(T, T + Lease, 10)).Count);
            throw new RolledBack();
        }));

        Assert.All(await store.GetDeliveriesAsync("wfr_a"), delivery => Assert.Null(delivery.LeasedUntil));
        Assert.Equal(T, await store.GetNextDeliveryTimeAsync());
        Assert.Equal(["msg-a", "msg-b"], (await ClaimAsync(store, T, 10)).Select(delivery => delivery.MessageId));
    }

    [SkippableFact]
    public async Task A_claim_sees_what_its_own_transaction_added_removed_and_claimed()
    {
        IDlqStore store = NewStore();
        await AddDeliveriesAsync(store, Delivery("msg-1", "wfr_a", T.AddSeconds(-3)), Delivery("msg-2", "wfr_a", T.AddSeconds(-2)), Delivery("msg-3", "wfr_a", T.AddSeconds(-1)));

        string[][] claims = await store.WriteAsync(async transaction =>
        {
            Assert.Equal(1, await transaction.RemoveDeliveriesAsync(["msg-1"]));
            await transaction.AddDeliveriesAsync([Delivery("msg-0", "wfr_b", T.AddSeconds(-4)), Delivery("msg-late", "wfr_b", T.AddSeconds(1))]);
            var taken = new List<string[]>();
            for (int i = 0; i < 4; i++)
            {
                taken.Add((await transaction.ClaimDeliveriesAsync(T, T + Lease, 2)).Select(delivery => delivery.MessageId).ToArray());
            }

            return taken.ToArray();
        });

        Assert.Equal(new[] { new[] { "msg-0", "msg-2" }, ["msg-3"], [], [] }, claims);
        Assert.Equal(["msg-2", "msg-3"], (await store.GetDeliveriesAsync("wfr_a")).Select(delivery => delivery.MessageId));
        Assert.Equal(new DateTimeOffset?[] { T + Lease, null }, (await store.GetDeliveriesAsync("wfr_b")).Select(delivery => delivery.LeasedUntil));
    }

    [SkippableFact]
    public async Task Replace_changes_the_stored_delivery_and_reports_one_that_is_not_stored()
    {
        IDlqStore store = NewStore();
        await AddDeliveriesAsync(store, Delivery("msg-a", "wfr_a", T, key: "tenant-a"), Delivery("msg-b", "wfr_a", T.AddSeconds(1)));
        await ClaimAsync(store, T, 1);
        var retry = new DeliveryRecord("msg-a", "wfr_a", T.AddMinutes(2), null, """{"attempt":1}""");

        bool[] replaced = await store.WriteAsync(async transaction => new[]
        {
            await transaction.ReplaceDeliveryAsync(retry),
            await transaction.ReplaceDeliveryAsync(Delivery("msg-never", "wfr_a", T)),
        });
        bool afterRemoval = await store.WriteAsync(async transaction =>
        {
            await transaction.RemoveDeliveriesAsync(["msg-b"]);
            return await transaction.ReplaceDeliveryAsync(Delivery("msg-b", "wfr_a", T));
        });

        Assert.Equal([true, false], replaced);
        Assert.False(afterRemoval);
        Assert.Equal([Fields(retry)], (await store.GetDeliveriesAsync("wfr_a")).Select(Fields));
        Assert.Equal(T.AddMinutes(2), await store.GetNextDeliveryTimeAsync());
    }

    [SkippableFact]
    public async Task Remove_and_remove_by_run_count_what_was_stored_and_leave_the_rest()
    {
        IDlqStore store = NewStore();
        await AddDeliveriesAsync(
            store,
            Delivery("msg-a1", "wfr_a", T),
            Delivery("msg-a2", "wfr_a", T, leasedUntil: T.AddHours(1)),
            Delivery("msg-a3", "wfr_a", T),
            Delivery("msg-b1", "wfr_b", T),
            Delivery("msg-b2", "wfr_b", T.AddHours(1)),
            Delivery("msg-c1", "wfr_c", T));

        int[] counts = await store.WriteAsync(async transaction => new[]
        {
            await transaction.RemoveDeliveriesAsync(["msg-a2", "msg-missing", "msg-a1"]),
            await transaction.RemoveDeliveriesAsync(["msg-a1"]),
            await transaction.RemoveDeliveriesAsync([]),
            await transaction.RemoveRunDeliveriesAsync("wfr_b"),
            await transaction.RemoveRunDeliveriesAsync("wfr_b"),
            await transaction.RemoveRunDeliveriesAsync("wfr_none"),
        });

        Assert.Equal([2, 0, 0, 2, 0, 0], counts);
        Assert.Equal(["msg-a3"], (await store.GetDeliveriesAsync("wfr_a")).Select(delivery => delivery.MessageId));
        Assert.Empty(await store.GetDeliveriesAsync("wfr_b"));
        Assert.Equal(["msg-c1"], (await store.GetDeliveriesAsync("wfr_c")).Select(delivery => delivery.MessageId));
        Assert.Equal(["msg-a3", "msg-c1"], (await ClaimAsync(store, T, 10)).Select(delivery => delivery.MessageId));
    }

    [SkippableFact]
    public async Task The_next_delivery_time_is_the_earliest_at_which_a_stored_delivery_can_be_claimed()
    {
        IDlqStore store = NewStore();
        Assert.Null(await store.GetNextDeliveryTimeAsync());

        await AddDeliveriesAsync(store, Delivery("msg-free", "wfr_a", T.AddSeconds(10)));
        Assert.Equal(T.AddSeconds(10), await store.GetNextDeliveryTimeAsync());

        // Held until T+3 though due long ago: claimable at the lease's end.
        await AddDeliveriesAsync(store, Delivery("msg-held", "wfr_a", T.AddSeconds(-5), leasedUntil: T.AddSeconds(3)));
        Assert.Equal(T.AddSeconds(3), await store.GetNextDeliveryTimeAsync());

        // Its lease ended at T-1, but it is not due before T+1: the later of the two.
        await AddDeliveriesAsync(store, Delivery("msg-retry", "wfr_a", T.AddSeconds(1), leasedUntil: T.AddSeconds(-1)));
        Assert.Equal(T.AddSeconds(1), await store.GetNextDeliveryTimeAsync());

        await store.WriteAsync(async transaction => await transaction.RemoveDeliveriesAsync(["msg-retry", "msg-held"]));
        Assert.Equal(T.AddSeconds(10), await store.GetNextDeliveryTimeAsync());

        await ClaimAsync(store, T.AddSeconds(10), 1);
        Assert.Equal(T.AddSeconds(10) + Lease, await store.GetNextDeliveryTimeAsync());
    }

    [SkippableFact]
    public async Task Delivery_changes_are_seen_by_readers_only_once_committed()
    {
        IDlqStore store = NewStore();
        await AddDeliveriesAsync(store, Delivery("msg-old", "wfr_a", T.AddSeconds(5)));

        (int Count, DateTimeOffset? Next) during = await store.WriteAsync(async transaction =>
        {
            await transaction.AddDeliveriesAsync([Delivery("msg-new", "wfr_a", T)]);
            await transaction.RemoveDeliveriesAsync(["msg-old"]);
            return ((await store.GetDeliveriesAsync("wfr_a")).Count, await store.GetNextDeliveryTimeAsync());
        });

        Assert.Equal((1, T.AddSeconds(5)), during);
        Assert.Equal(["msg-new"], (await store.GetDeliveriesAsync("wfr_a")).Select(delivery => delivery.MessageId));
        Assert.Equal(T, await store.GetNextDeliveryTimeAsync());
    }

    [SkippableFact]
    public async Task Concurrent_claimers_claim_each_delivery_exactly_once()
    {
        IDlqStore store = NewStore();
        DeliveryRecord[] deliveries = Enumerable.Range(0, 300).Select(i => Delivery($"msg-{i:D4}", $"wfr_{i % 17}", T.AddMilliseconds(i % 50))).ToArray();
        await AddDeliveriesAsync(store, deliveries);

        List<string>[] claimedBy = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var claimed = new List<string>();
            IReadOnlyList<DeliveryRecord> batch;
            do
            {
                batch = await ClaimAsync(store, T.AddSeconds(1), 7);
                claimed.AddRange(batch.Select(delivery => delivery.MessageId));
            }
            while (batch.Count > 0);

            return claimed;
        })));

        // A claimer stops when every row left is held by the others (a store with concurrent writers passes over them),
        // so one last claim takes what was held by a claim that did not choose it; nothing may come twice.
        string[] claimed = [.. claimedBy.SelectMany(ids => ids), .. (await ClaimAsync(store, T.AddSeconds(1), 300)).Select(delivery => delivery.MessageId)];
        Assert.Equal(deliveries.Select(delivery => delivery.MessageId).Order(StringComparer.Ordinal), claimed.Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Deliveries_and_their_leases_outlive_the_store_that_stored_them()
    {
        IDlqStore store = NewStore();
        await AddDeliveriesAsync(store, Delivery("msg-1", "wfr_a", T.AddSeconds(-2)), Delivery("msg-2", "wfr_a", T.AddSeconds(-1), key: "tenant-a"), Delivery("msg-3", "wfr_a", T.AddSeconds(9)));
        IReadOnlyList<DeliveryRecord> inFlight = await ClaimAsync(store, T, 1);
        IReadOnlyList<DeliveryRecord> before = await store.GetDeliveriesAsync("wfr_a");

        IDlqStore reopened = Reopen(store);

        Assert.Equal(before.Select(Fields), (await reopened.GetDeliveriesAsync("wfr_a")).Select(Fields));
        Assert.Equal(["msg-1"], inFlight.Select(delivery => delivery.MessageId));
        Assert.Equal(T.AddSeconds(-1), await reopened.GetNextDeliveryTimeAsync());
        Assert.Equal(["msg-2"], (await ClaimAsync(reopened, T, 10)).Select(delivery => delivery.MessageId));
        Assert.Equal(["msg-3"], (await ClaimAsync(reopened, T.AddSeconds(9), 10)).Select(delivery => delivery.MessageId));
        Assert.Equal(["msg-1", "msg-2"], (await ClaimAsync(reopened, T + Lease, 10)).Select(delivery => delivery.MessageId));
    }

    [SkippableFact]
    public async Task Reset_removes_every_delivery()
    {
        IDlqStore store = NewStore();
        var resettable = Assert.IsAssignableFrom<IResettableDlqStore>(store);
        await AddDeliveriesAsync(store, Delivery("msg-a", "wfr_a", T), Delivery("msg-b", "wfr_a", T, leasedUntil: T.AddHours(1)));

        await resettable.ResetAsync();

        Assert.Empty(await store.GetDeliveriesAsync("wfr_a"));
        Assert.Null(await store.GetNextDeliveryTimeAsync());
        await AddDeliveriesAsync(store, Delivery("msg-a", "wfr_a", T));
        Assert.Equal(["msg-a"], (await ClaimAsync(store, T, 10)).Select(delivery => delivery.MessageId));
    }

    private static DeliveryRecord Delivery(string messageId, string workflowRunId, DateTimeOffset dueAt, DateTimeOffset? leasedUntil = null, string? key = null) =>
        new(messageId, workflowRunId, dueAt, key, $$"""{"message":"{{messageId}}","url":"{{Seed.Orders}}"}""", leasedUntil);

    /// <summary>What a store keeps of a delivery, comparable (times as instants).</summary>
    private static (string, string, DateTimeOffset, DateTimeOffset?, string?, string) Fields(DeliveryRecord delivery) =>
        (delivery.MessageId, delivery.WorkflowRunId, delivery.DueAt, delivery.LeasedUntil, delivery.FlowControlKey, delivery.Definition);

    private static async Task AddDeliveriesAsync(IDlqStore store, params DeliveryRecord[] deliveries) =>
        await store.WriteAsync(async transaction =>
        {
            await transaction.AddDeliveriesAsync(deliveries);
            return true;
        });

    /// <summary>One claim in a transaction of its own, leased for <see cref="Lease"/> from <paramref name="now"/>.</summary>
    private static async Task<IReadOnlyList<DeliveryRecord>> ClaimAsync(IDlqStore store, DateTimeOffset now, int limit) =>
        await store.WriteAsync(transaction => transaction.ClaimDeliveriesAsync(now, now + Lease, limit));

    private sealed class RolledBack : Exception;
}
