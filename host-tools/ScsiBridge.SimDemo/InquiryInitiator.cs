using ScsiBridge.Hal;

namespace ScsiBridge.SimDemo
{
    /// <summary>
    /// The initiator's half of an INQUIRY: select with ATN, IDENTIFY, the CDB, 36 bytes of DATA
    /// IN, STATUS, COMMAND COMPLETE, bus free. Every step checks the phase the target asks for.
    /// </summary>
    public sealed class InquiryInitiator
    {
        public const byte IdentifyDisconnectLun0 = 0xC0;

        private readonly IScsiController _controller;
        private readonly IHalClock _clock;
        private readonly int _targetId;
        private readonly ControllerCommand _command = new ControllerCommand();
        private readonly Completion _completion = new Completion();
        private readonly byte[] _cdb = new byte[] { 0x12, 0x00, 0x00, 0x00, InquiryData.StandardLength, 0x00 };

        public InquiryInitiator(IScsiController controller, IHalClock clock, int targetId)
        {
            _controller = controller;
            _clock = clock;
            _targetId = targetId;
        }

        public byte[] Data { get; } = new byte[InquiryData.StandardLength];

        public int BytesReceived { get; private set; }

        public int StatusByte { get; private set; } = -1;

        public int FinalMessage { get; private set; } = -1;

        public long StartNs { get; private set; }

        public long EndNs { get; private set; }

        /// <summary>The instance body.</summary>
        public void Run()
        {
            StartNs = _clock.NowNs;
            ScsiStep.Expect(_controller, _command.PrepareSelect(_targetId, CommandFlags.Atn), _completion, ControllerResult.Ok, BusPhase.MessageOut);
            ScsiStep.Expect(_controller, _command.PrepareMessageOut(IdentifyDisconnectLun0), _completion, ControllerResult.Ok, BusPhase.Command);
            ScsiStep.Expect(_controller, _command.PrepareCommandOut(_cdb, 0, _cdb.Length), _completion, ControllerResult.Ok, BusPhase.DataIn);
            ScsiStep.Expect(_controller, _command.PrepareTransfer(Data, 0, Data.Length), _completion, ControllerResult.Ok, BusPhase.Status);
            BytesReceived = _completion.BytesMoved;
            ScsiStep.Expect(_controller, _command.PrepareStatusIn(), _completion, ControllerResult.Ok, BusPhase.MessageIn);
            StatusByte = _completion.StatusByte;
            ScsiStep.Expect(_controller, _command.PrepareMessageIn(), _completion, ControllerResult.Ok, BusPhase.MessageIn);
            FinalMessage = _completion.MsgLength > 0 ? _completion.Msg[0] : -1;
            ScsiStep.Expect(_controller, _command.PrepareAcceptMessage(), _completion, ControllerResult.Ok, BusPhase.BusFree);
            EndNs = _completion.TimeNs;
        }
    }
}
