namespace ScsiBridge.Iscsi.Scsi;

/// <summary>Persistent reservations (SPC-3 5.6): not offered yet.</summary>
internal sealed partial class LogicalUnit
{
    private bool CheckPersistentReservation(ScsiTask task) => true;

    private bool HasPersistentReservation() => false;

    private void ClearReservations()
    {
    }

    private void PersistentReserveIn(ScsiTask task) => task.Fail(Sense.IllegalRequest, Sense.InvalidCommandOperationCode);

    private void PersistentReserveOut(ScsiTask task) => task.Fail(Sense.IllegalRequest, Sense.InvalidCommandOperationCode);
}
