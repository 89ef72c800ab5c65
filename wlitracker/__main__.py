from wlitracker.app import run

run()
