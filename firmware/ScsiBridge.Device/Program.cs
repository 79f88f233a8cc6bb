using System.Diagnostics;
using System.Threading;

namespace ScsiBridge.Device
{
    /// <summary>
    /// The board's application: read the board configuration, start the bridge, then idle.
    /// </summary>
    public static class Program
    {
        public static void Main()
        {
            IBoard? board = BoardHal.Open();
            if (board == null)
            {
                Debug.WriteLine("ScsiBridge: the board HAL did not open (the line above says why); see docs/board.md");
                Thread.Sleep(Timeout.Infinite);
                return;
            }

            BridgeSettings settings;
            try
            {
                settings = SettingsFile.Load(SettingsFile.Path);
            }
            catch (BridgeSettingsException e)
            {
                // A bad configuration never starts a bridge configured other than meant: the
                // LED stays on and the reason goes to the debug channel.
                Debug.WriteLine("ScsiBridge: " + SettingsFile.Path + ": " + e.Message);
                board.SetStatusLed(StatusLed.IsOn(StatusLed.Failed, 0));
                Thread.Sleep(Timeout.Infinite);
                return;
            }

            var app = new BridgeApplication(board, settings);
            app.Start();
            app.RunIdle();
        }
    }
}
