"""Views: thin HTTP adapters over `followup.tracker.services`.

Split by page: `today` (the Today page, doing steps), `applications` (the board,
quick add, the application page, logging events, the debrief), `settings_page`
(profile, policy, import/export, deleting the account).
"""
