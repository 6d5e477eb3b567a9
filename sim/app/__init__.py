"""The local browser app (``run_sim.py --app``, optional extra ``[app]``): a Streamlit page
over the command line. :mod:`.session` holds what the page edits and runs, without Streamlit;
:mod:`.page` is the page; :mod:`.launch` starts it on 127.0.0.1."""
