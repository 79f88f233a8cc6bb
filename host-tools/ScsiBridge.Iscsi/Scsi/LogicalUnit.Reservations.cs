namespace ScsiBridge.Iscsi.Scsi;

/// <summary>
/// RESERVE(6)/RELEASE(6) (SPC-2 7.21, 7.12) between the gateway's sessions. They are kept here,
/// not passed to the device: on the bus every session is the bridge, so only the gateway can
/// tell one initiator from another. A reservation ends with RELEASE, the holder's session, or a
/// reset.
/// </summary>
internal sealed partial class LogicalUnit
{
    private const int NoOne = -1;
    private const int StatusReservationConflict = 0x18;

    private int _reservedBy = NoOne;

    /// <summary>RESERVATION CONFLICT for another session's commands, but the ones SPC-2 lets through.</summary>
    private bool CheckReservations(ScsiTask task)
    {
        int holder = Volatile.Read(ref _reservedBy);
        if (holder == NoOne || holder == task.Initiator) return true;
        switch (task.Cdb[0])
        {
            case 0x12:  // INQUIRY
            case 0x03:  // REQUEST SENSE
            case 0x17:  // RELEASE(6): no effect, GOOD
            case 0xA3:  // REPORT SUPPORTED OPERATION CODES
                return true;
            default:
                task.SetStatus(StatusReservationConflict);
                return false;
        }
    }

    private void Reserve(ScsiTask task)
    {
        if ((task.Cdb[1] & 0x01) != 0)
        {
            task.FailField(1);  // extent reservations: obsolete
            return;
        }
        if (Interlocked.CompareExchange(ref _reservedBy, task.Initiator, NoOne) is int holder && holder != NoOne && holder != task.Initiator)
        {
            task.SetStatus(StatusReservationConflict);
        }
    }

    private void Release(ScsiTask task)
    {
        Interlocked.CompareExchange(ref _reservedBy, NoOne, task.Initiator);
    }

    /// <summary>The session in this initiator slot ended: whatever it reserved is free.</summary>
    public void SessionEnded(int initiator) => Interlocked.CompareExchange(ref _reservedBy, NoOne, initiator);

    private void ReleaseAll() => Volatile.Write(ref _reservedBy, NoOne);

    private void PersistentReserveIn(ScsiTask task) => task.Fail(Sense.IllegalRequest, Sense.InvalidCommandOperationCode);

    private void PersistentReserveOut(ScsiTask task) => task.Fail(Sense.IllegalRequest, Sense.InvalidCommandOperationCode);
}
